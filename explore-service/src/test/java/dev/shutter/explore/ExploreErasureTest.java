package dev.shutter.explore;

import static dev.shutter.explore.Network.like;
import static dev.shutter.explore.Network.newUser;
import static dev.shutter.explore.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.explore.Network.User;
import dev.shutter.explore.candidate.Neighbour;
import dev.shutter.explore.candidate.CandidateFilter;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.explore.model.ActiveModels;
import dev.shutter.explore.user.UserHistory;
import dev.shutter.testsupport.Traces;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deleted post and an erased account leave Explore: catalog, index, histories, engagers and scores. */
@QuarkusTest
class ExploreErasureTest {

    @Inject
    ItemCatalog catalog;
    @Inject
    UserHistory history;
    @Inject
    ActiveModels models;
    @Inject
    Redis redis;

    @Test
    void aDeletedPostLeavesTheIndexAndEveryHistoryItIsIn() {
        User author = newUser("deleter");
        User fan = newUser("deletefan");
        String doomed = post(author, "Soon gone #sunset");
        String kept = post(author, "Staying #sunset");
        like(fan, doomed);
        like(fan, kept);
        await().atMost(Network.WAIT).until(() -> history.recent(fan.id()).await().atMost(Duration.ofSeconds(5)).size() == 2
                && indexed(Long.parseLong(doomed)));

        author.posts().delete("/v1/posts/" + doomed).then().statusCode(204);

        await().atMost(Network.WAIT).untilAsserted(() -> {
            assertThat(history.recent(fan.id()).await().atMost(Duration.ofSeconds(5))).containsExactly(Long.parseLong(kept));
            assertThat(catalog.get(Long.parseLong(doomed))).isEmpty();
            assertThat(indexed(Long.parseLong(doomed))).isFalse();
            assertThat(exploreKeys(doomed)).isEmpty();
        });
    }

    @Test
    void anErasedAccountLeavesNoTraceInExploresRedisOrIndex() {
        User gone = newUser("erased");
        User other = newUser("erasedother");
        String theirs = post(other, "Liked by someone who leaves #sunset");
        String own = post(gone, "Mine, erased with me #sea");
        like(gone, theirs);
        like(other, own);
        await().atMost(Network.WAIT).until(() -> !history.recent(gone.id()).await().atMost(Duration.ofSeconds(5)).isEmpty()
                && !history.recent(other.id()).await().atMost(Duration.ofSeconds(5)).isEmpty() && indexed(Long.parseLong(own)));

        gone.posts().delete("/v1/me").then().statusCode(202);

        await().atMost(Network.WAIT).untilAsserted(() -> {
            assertThat(exploreKeys(gone.userId())).isEmpty();
            assertThat(exploreKeys(own)).isEmpty();
            assertThat(catalog.postsOf(gone.id())).isEmpty();
            assertThat(indexed(Long.parseLong(own))).isFalse();
            assertThat(history.recent(other.id()).await().atMost(Duration.ofSeconds(5))).doesNotContain(Long.parseLong(own));
        });
    }

    /** Explore's own keys mentioning the ID (the other services' erasure is their tests' business). */
    private List<String> exploreKeys(String id) {
        return Traces.inRedis(redis, id).stream().filter(key -> key.startsWith("explore:") || key.startsWith("engagement:"))
                .toList();
    }

    private boolean indexed(long postId) {
        return models.retrieval().map(generation -> generation.vector(postId).isPresent()
                && generation.index().nearest(generation.vector(postId).get(), 1000, CandidateFilter.NONE).stream()
                        .map(Neighbour::postId).anyMatch(id -> id == postId)).orElse(false);
    }
}
