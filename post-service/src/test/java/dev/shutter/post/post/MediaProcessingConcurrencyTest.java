package dev.shutter.post.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures.Created;
import dev.shutter.post.post.media.MediaProcessing;
import dev.shutter.post.post.media.MediaProcessing.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Verdicts for every item of several posts, each delivered twice, handled sixteen at once (more
 * than the subscription runs at once), a post's verdicts side by side: each post is published and
 * counted exactly once. Without the lock on the post row this fails (seen: 8 of 20 posts never
 * published, as items finishing together each saw the other still pending).
 */
@QuarkusTest
class MediaProcessingConcurrencyTest {

    private static final int POSTS = 20;
    private static final int ITEMS = 3;

    @Inject
    PostFixtures fixtures;

    @Inject
    MediaProcessing processing;

    @Test
    void everyPostIsPublishedAndCountedExactlyOnce() throws Exception {
        TestUser author = Api.newUser("concurrent");
        String[] types = Collections.nCopies(ITEMS, "image/jpeg").toArray(String[]::new);
        List<Created> posts = new ArrayList<>();
        List<MediaProcessed> verdicts = new ArrayList<>();
        for (int p = 0; p < POSTS; p++) {
            Created post = fixtures.create(author, "several items", types);
            posts.add(post);
            // A post's verdicts next to each other, so that they are handled at the same time.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < ITEMS; i++) {
                    verdicts.add(PostFixtures.processedImage(post.id(), post.mediaId(i)));
                }
            }
        }

        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            List<Callable<Outcome>> calls = verdicts.stream()
                    .map(verdict -> (Callable<Outcome>) () -> handle(verdict))
                    .toList();
            for (Future<Outcome> outcome : threads.invokeAll(calls)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).filteredOn(outcome -> outcome == Outcome.POST_READY).hasSize(POSTS);
        assertThat(outcomes).filteredOn(outcome -> outcome == Outcome.ALREADY_SETTLED).hasSize(POSTS * ITEMS);
        for (Created post : posts) {
            author.request().get("/v1/posts/" + post.postId()).then().body("status", equalTo("ready"));
        }
        posts.forEach(post -> fixtures.awaitOutboxRelayed("post.published", post.postId()));
        fixtures.drain("post.published");
        for (Created post : posts) {
            assertThat(fixtures.received("post.published", PostPublished.parser(), e -> e.getPostId() == post.id())).hasSize(1);
        }
        author.request().get("/v1/me").then().body("postCount", equalTo(POSTS));
    }

    private Outcome handle(MediaProcessed verdict) {
        try {
            // A context of its own per call, as each delivery of the subscription gets.
            return VertxContextSupport.subscribeAndAwait(() -> processing.processed(verdict));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
