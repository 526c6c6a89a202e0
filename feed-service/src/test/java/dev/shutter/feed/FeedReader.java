package dev.shutter.feed;

import static org.awaitility.Awaitility.await;

import dev.shutter.feed.timeline.TimelineKeys;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads feeds through the API and timelines straight from Redis, for assertions. */
final class FeedReader {

    static final Duration WAIT = Duration.ofSeconds(30);

    private FeedReader() {}

    /** One page as JSON. */
    static JsonPath page(Network.User reader, String cursor, int limit) {
        var request = reader.feed().queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/v1/feed").then().statusCode(200).extract().jsonPath();
    }

    /** The post IDs of a fresh first page. */
    static List<String> postIds(Network.User reader) {
        return page(reader, null, 50).getList("items.postId", String.class);
    }

    /** Waits until a fresh first page satisfies the condition; answers that page's IDs. */
    static List<String> awaitFeed(Network.User reader, Predicate<List<String>> condition) {
        List<List<String>> last = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> ids = postIds(reader);
            last.clear();
            last.add(ids);
            return condition.test(ids);
        });
        return last.getFirst();
    }

    /** The members of a timeline in Redis, without the built marker; null when it does not exist. */
    static List<String> timeline(Redis redis, Network.User user) {
        String key = TimelineKeys.timeline(user.id());
        if (redis.send(Request.cmd(Command.EXISTS).arg(key)).await().atMost(WAIT).toInteger() == 0) {
            return null;
        }
        List<String> members = new ArrayList<>();
        for (Response member : redis.send(Request.cmd(Command.ZREVRANGE).arg(key).arg(0).arg(-1)).await().atMost(WAIT)) {
            if (!"0".equals(member.toString())) {
                members.add(member.toString());
            }
        }
        return members;
    }
}
