package dev.shutter.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.ids.Snowflake;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures.Created;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The celebrity pull the feed makes through gRPC RecentPostsByAuthors, called directly. */
@QuarkusTest
class RecentPostsTest {

    @Inject
    PostFixtures fixtures;

    @Inject
    RecentPosts recent;

    @Test
    void newestReadyPostsOfEachAuthorUpToTheLimitAllNewestFirst() throws Throwable {
        TestUser first = Api.newUser("celeb1");
        TestUser second = Api.newUser("celeb2");
        Created a1 = fixtures.ready(first, "a1");
        Created b1 = fixtures.ready(second, "b1");
        Created a2 = fixtures.ready(first, "a2");
        Created a3 = fixtures.ready(first, "a3");
        fixtures.create(first, "a4 still processing", "image/jpeg");
        long firstId = Long.parseLong(first.userId());
        long secondId = Long.parseLong(second.userId());

        List<PostRef> refs = call(List.of(firstId, secondId, 42L, firstId), 0, 2);
        assertThat(refs).extracting(PostRef::postId).containsExactly(a3.id(), a2.id(), b1.id());
        assertThat(refs.getFirst().authorId()).isEqualTo(firstId);
        assertThat(refs.getFirst().createdAt()).isEqualTo(Snowflake.timestampOf(a3.id()));

        assertThat(call(List.of(firstId, secondId), a2.id(), 10)).extracting(PostRef::postId).containsExactly(a3.id());
        assertThat(call(List.of(firstId), 0, 10)).extracting(PostRef::postId).containsExactly(a3.id(), a2.id(), a1.id());
        assertThat(call(List.of(), 0, 10)).isEmpty();
        assertThat(call(List.of(firstId), 0, 0)).isEmpty();
    }

    @Test
    void manyAuthorsAreQueriedInChunks() throws Throwable {
        TestUser author = Api.newUser("chunked");
        Created post = fixtures.ready(author, "one among many");
        List<Long> authors = new java.util.ArrayList<>();
        for (long i = 1; i <= RecentPosts.AUTHORS_PER_QUERY * 2; i++) {
            authors.add(i);
        }
        authors.add(Long.parseLong(author.userId()));
        assertThat(call(authors, 0, 5)).extracting(PostRef::postId).containsExactly(post.id());
    }

    private List<PostRef> call(List<Long> authors, long since, int limit) throws Throwable {
        // Hibernate Reactive runs on a Vert.x context, as the gRPC service will.
        return VertxContextSupport.subscribeAndAwait(() -> recent.recentByAuthors(authors, since, limit));
    }
}
