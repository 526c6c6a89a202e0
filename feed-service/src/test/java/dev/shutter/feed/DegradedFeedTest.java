package dev.shutter.feed;

import static dev.shutter.feed.FeedReader.awaitFeed;
import static dev.shutter.feed.FeedReader.page;
import static dev.shutter.feed.FeedReader.postIds;
import static dev.shutter.feed.Network.follow;
import static dev.shutter.feed.Network.newUser;
import static dev.shutter.feed.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.shutter.feed.Network.User;
import dev.shutter.feed.timeline.TimelineKeys;
import dev.shutter.rest.paging.Cursors;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import dev.shutter.testsupport.TestRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped for real in the middle of the test: the feed still answers, from post-service.
 * And only then: a bug is a 500 with an error ID, never passed off as a degraded feed.
 */
@QuarkusTest
class DegradedFeedTest {

    @Inject
    Redis redis;

    @Inject
    MeterRegistry meters;

    @Test
    void aBugIsAnErrorNotADegradedFeed() {
        User author = newUser("ba");
        User reader = newUser("bb");
        follow(reader, author);
        postIds(reader);
        List<String> posted = List.of(post(author, "one"), post(author, "two"));
        awaitFeed(reader, ids -> ids.containsAll(posted));
        String cursor = page(reader, null, 1).getString("nextCursor");
        long snapshotId = Cursors.decode(cursor, "feed", 2)[0];
        // A snapshot this code cannot read: Redis answers fine, the code fails.
        redis.send(Request.cmd(Command.SET).arg(TimelineKeys.snapshot(reader.id(), snapshotId)).arg("12,not-a-post-id"))
                .await().atMost(FeedReader.WAIT);
        double before = meters.counter("feed.read.failures", "kind", "unexpected").count();

        reader.feed().queryParam("cursor", cursor).queryParam("limit", 1).get("/v1/feed").then()
                .statusCode(500).contentType("application/problem+json").body("detail", containsString("error "));
        assertThat(meters.counter("feed.read.failures", "kind", "unexpected").count()).isEqualTo(before + 1);
    }

    @Test
    void withRedisDownTheFeedStillAnswersNewestFirstAndPages() {
        User author = newUser("ra");
        User star = newUser("rs");
        IntStream.range(0, PostServiceResource.CELEBRITY_THRESHOLD).forEach(i -> follow(newUser("rf"), star));
        User reader = newUser("rr");
        follow(reader, author);
        follow(reader, star);
        postIds(reader);
        List<String> posted = new ArrayList<>(List.of(post(author, "one"), post(star, "two"), post(author, "three")));
        awaitFeed(reader, ids -> ids.containsAll(posted));

        TestRedis.shared().stop();
        try {
            JsonPath first = page(reader, null, 2);
            List<String> seen = new ArrayList<>(first.getList("items.postId", String.class));
            String cursor = first.getString("nextCursor");
            assertThat(cursor).isNotNull();
            JsonPath second = page(reader, cursor, 2);
            seen.addAll(second.getList("items.postId", String.class));
            assertThat(second.getString("nextCursor")).isNull();

            assertThat(seen).containsExactlyElementsOf(posted.reversed());
        } finally {
            TestRedis.shared().start();
        }
        // And once Redis is back, the ranked feed returns (timelines rebuilt as needed).
        awaitFeed(reader, ids -> ids.containsAll(posted));
    }
}
