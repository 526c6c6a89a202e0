package dev.shutter.post.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.post.post.PostFixtures.Created;
import dev.shutter.testsupport.Traces;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An account with data in every store of post-service is erased, then every store is scanned
 * for its ID: PostgreSQL (every column of every table), Redis (every key and value) and the raw
 * bucket. The other services' stores (media, timelines) report through their events here, as
 * media-worker and feed-service do (their own tests cover their part).
 */
@QuarkusTest
class ErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    PostFixtures fixtures;

    @Inject
    AgroalDataSource database;

    @Inject
    Redis redis;

    @Inject
    ErasureLedger ledger;

    @ConfigProperty(name = "shutter.raw.local.root")
    Path rawRoot;

    @Test
    void anErasedAccountLeavesNoTraceAndOthersCountsAreCorrected() throws Throwable {
        TestUser gone = Api.newUser("erased");
        TestUser friend = Api.newUser("friend");
        TestUser fan = Api.newUser("fan");
        TestUser shy = Api.newUser("shy");
        shy.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);

        // Its own post, uploaded and processed; the friend's post it likes, saves and comments on.
        Created own = fixtures.create(gone, "mine #gone", "image/jpeg");
        assertThat(fixtures.upload(own.uploads().get(0), new byte[1024])).isEqualTo(200);
        fixtures.processed(PostFixtures.processedImage(own.id(), own.mediaId(0)));
        fixtures.awaitStatus(gone, own.postId(), "ready");
        Created theirs = fixtures.ready(friend, "theirs");
        gone.request().put("/v1/posts/" + theirs.postId() + "/like").then().statusCode(200);
        gone.request().put("/v1/posts/" + theirs.postId() + "/save").then().statusCode(200);
        gone.request().body(Map.of("text", "nice one")).post("/v1/posts/" + theirs.postId() + "/comments").then().statusCode(201);
        friend.request().put("/v1/posts/" + own.postId() + "/like").then().statusCode(200);
        friend.request().body(Map.of("text", "thanks")).post("/v1/posts/" + own.postId() + "/comments").then().statusCode(201);
        // Follows both ways, and a request to a private account.
        gone.request().put("/v1/users/" + friend.userId() + "/follow").then().statusCode(200);
        fan.request().put("/v1/users/" + gone.userId() + "/follow").then().statusCode(200);
        gone.request().put("/v1/users/" + shy.userId() + "/follow").then().statusCode(200);
        int friendFollowers = friend.request().get("/v1/users/" + friend.username()).then().extract().path("followerCount");
        int fanFollowing = fan.request().get("/v1/users/" + fan.username()).then().extract().path("followingCount");
        Map<String, Integer> before = counts(friend, theirs.postId());
        long userId = Long.parseLong(gone.userId());

        Instant asked = Instant.now();
        gone.request().delete("/v1/me").then().statusCode(202);

        // Its access token stops working at once, not in 15 minutes.
        await().atMost(Duration.ofSeconds(5)).until(() -> gone.request().get("/v1/me").then().extract().statusCode() == 401);
        await().atMost(WAIT).until(() -> finished(userId).containsAll(List.of("engagement", "comments", "sessions", "raw-uploads",
                "public-index", "rate-limits")));
        // The graph and the posts wait for the feed, which still needs them to clean timelines.
        assertThat(finished(userId)).doesNotContain("posts", "follows", "account");
        report(userId, "timelines");
        report(userId, "media");
        report(userId, "explore");
        await().atMost(WAIT).until(() -> ledger(userId).stream().allMatch(ErasureLedger.Entry::finished));
        List<ErasureLedger.Entry> entries = ledger(userId);
        Instant last = entries.stream().map(ErasureLedger.Entry::finishedAt).max(Instant::compareTo).orElseThrow();
        System.out.printf("Erasure of %d: %d stores, complete %d ms after the request%n", userId, entries.size(),
                Duration.between(asked, last).toMillis());

        // The others' counts no longer count it.
        Map<String, Integer> after = counts(friend, theirs.postId());
        assertThat(after.get("likeCount")).isEqualTo(before.get("likeCount") - 1);
        assertThat(after.get("saveCount")).isEqualTo(before.get("saveCount") - 1);
        assertThat(after.get("commentCount")).isEqualTo(before.get("commentCount") - 1);
        assertThat((int) friend.request().get("/v1/users/" + friend.username()).then().extract().path("followerCount"))
                .isEqualTo(friendFollowers - 1);
        assertThat((int) fan.request().get("/v1/users/" + fan.username()).then().extract().path("followingCount"))
                .isEqualTo(fanFollowing - 1);
        friend.request().get("/v1/posts/" + own.postId()).then().statusCode(404);

        await().atMost(WAIT).until(() -> "0".equals(fixtures.queryString("SELECT count(*) FROM outbox")));
        try (Connection connection = database.getConnection()) {
            assertThat(Traces.tables(connection)).contains("users", "posts", "follows", "likes", "comments", "counter_shards",
                    "refresh_tokens");
            assertThat(Traces.inDatabase(connection, List.of(gone.userId(), gone.username()), Set.of("erasures"))).isEmpty();
        }
        assertThat(Traces.inRedis(redis, gone.userId())).isEmpty();
        assertThat(Traces.inFiles(rawRoot, gone.userId())).isEmpty();
    }

    private Map<String, Integer> counts(TestUser viewer, String postId) {
        var post = viewer.request().get("/v1/posts/" + postId).then().statusCode(200).extract().jsonPath();
        return Map.of("likeCount", post.getInt("likeCount"), "saveCount", post.getInt("saveCount"),
                "commentCount", post.getInt("commentCount"));
    }

    private void report(long userId, String store) {
        Instant now = Instant.now();
        fixtures.publish(EventTypes.ERASURE_FINISHED, Long.toString(userId), ErasureFinished.newBuilder().setUserId(userId)
                .setStore(store).setRemoved(0)
                .setFinishedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())).build());
    }

    private List<ErasureLedger.Entry> ledger(long userId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> ledger.of(userId));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> finished(long userId) {
        return ledger(userId).stream().filter(ErasureLedger.Entry::finished).map(ErasureLedger.Entry::store).toList();
    }
}
