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
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
        assertThat(tracesInDatabase(List.of(gone.userId(), gone.username()))).isEmpty();
        assertThat(tracesInRedis(gone.userId())).isEmpty();
        assertThat(tracesInRawBucket(gone.userId())).isEmpty();
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

    /** Every row of every table, as text, that mentions one of the values (the ledger excepted: it is the erasure's record). */
    private List<String> tracesInDatabase(List<String> values) throws SQLException {
        List<String> traces = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("users", "posts", "follows", "likes", "comments", "counter_shards", "refresh_tokens");
            for (String table : tables) {
                if (table.equals("erasures") || table.startsWith("flyway")) {
                    continue;
                }
                for (String value : values) {
                    var query = connection.prepareStatement("SELECT t::text FROM " + table
                            + " t WHERE t::text ~ ('(^|[^0-9A-Za-z_])' || ? || '([^0-9A-Za-z_]|$)')");
                    query.setString(1, value); // IDs and usernames hold no regex characters
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            traces.add(table + ": " + rows.getString(1));
                        }
                    }
                }
            }
        }
        return traces;
    }

    /** Every key, and every value of every key, that mentions the ID; event streams (the capped transport log) excepted. */
    private List<String> tracesInRedis(String id) {
        Pattern mention = Pattern.compile("(^|[^0-9])" + id + "([^0-9]|$)");
        List<String> traces = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(1000)).await().atMost(WAIT);
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                String name = key.toString();
                String type = redis.send(Request.cmd(Command.TYPE).arg(name)).await().atMost(WAIT).toString();
                if (type.equals("stream")) {
                    continue;
                }
                if (mention.matcher(name).find() || mention.matcher(valueOf(name, type)).find()) {
                    traces.add(name);
                }
            }
        } while (!cursor.equals("0"));
        return traces;
    }

    private String valueOf(String key, String type) {
        Request read = switch (type) {
            case "string" -> Request.cmd(Command.GET).arg(key);
            case "set" -> Request.cmd(Command.SMEMBERS).arg(key);
            case "zset" -> Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1);
            case "hash" -> Request.cmd(Command.HGETALL).arg(key);
            case "list" -> Request.cmd(Command.LRANGE).arg(key).arg(0).arg(-1);
            default -> null;
        };
        Response value = read == null ? null : redis.send(read).await().atMost(WAIT);
        return String.valueOf(value);
    }

    private List<String> tracesInRawBucket(String id) throws Exception {
        try (Stream<Path> files = Files.walk(rawRoot)) {
            return files.map(Path::toString).filter(path -> path.contains("/" + id + "/") || path.endsWith("/" + id)).toList();
        }
    }
}
