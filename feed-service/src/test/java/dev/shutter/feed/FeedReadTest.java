package dev.shutter.feed;

import dev.shutter.contracts.events.EventTypes;
import static dev.shutter.feed.FeedReader.awaitFeed;
import static dev.shutter.feed.FeedReader.page;
import static dev.shutter.feed.FeedReader.postIds;
import static dev.shutter.feed.FeedReader.timeline;
import static dev.shutter.feed.Network.follow;
import static dev.shutter.feed.Network.newUser;
import static dev.shutter.feed.Network.post;
import static dev.shutter.feed.Network.unfollow;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.feed.Network.User;
import dev.shutter.contracts.redis.SharedRedisKeys;
import dev.shutter.feed.timeline.TimelineKeys;
import dev.shutter.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** GET /v1/feed: ranking, stable paging, replays, bad input. */
@QuarkusTest
class FeedReadTest {

    @Inject
    Redis redis;

    @Inject
    MeterRegistry meters;

    @Test
    void pagingNeitherRepeatsNorSkipsWhileNewPostsArrive() {
        User author = newUser("sa");
        User reader = newUser("sb");
        follow(reader, author);
        postIds(reader);
        List<String> posted = IntStream.range(0, 7).mapToObj(i -> post(author, "post " + i)).toList();
        awaitFeed(reader, ids -> ids.containsAll(posted));

        JsonPath first = page(reader, null, 3);
        List<String> seen = new ArrayList<>(first.getList("items.postId", String.class));
        String fresh = post(author, "arrives while paging");
        awaitFeed(reader, ids -> ids.contains(fresh));
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath next = page(reader, cursor, 3);
            seen.addAll(next.getList("items.postId", String.class));
            cursor = next.getString("nextCursor");
        }

        assertThat(seen).hasSize(posted.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(posted);
        assertThat(seen).as("without engagement, newest first").containsExactlyElementsOf(posted.reversed());
    }

    @Test
    void engagementLiftsAnOlderPostAboveNewerOnes() {
        User author = newUser("ra");
        User reader = newUser("rb");
        follow(reader, author);
        postIds(reader);
        String older = post(author, "older but loved");
        String newer = post(author, "newer");
        awaitFeed(reader, ids -> ids.containsAll(List.of(older, newer)));
        assertThat(postIds(reader)).containsExactly(newer, older);

        redis.send(Request.cmd(Command.SET).arg(SharedRedisKeys.engagement(Long.parseLong(older))).arg("0.9")).await().indefinitely();

        assertThat(postIds(reader)).containsExactly(older, newer);
    }

    @Test
    void replayedEventsChangeNothing() {
        User author = newUser("ya");
        User reader = newUser("yb");
        follow(reader, author);
        postIds(reader);
        String postId = post(author, "once");
        awaitFeed(reader, ids -> ids.contains(postId));
        List<String> before = timelineWithScores(reader);

        RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
        try {
            PostPublished replay = PostPublished.newBuilder().setPostId(Long.parseLong(postId)).setAuthorId(author.id())
                    .setAuthorFollowerCount(1).build();
            bus.publish(EventTypes.POST_PUBLISHED, postId, replay).await().indefinitely();
            bus.publish(EventTypes.FOLLOW_CHANGED, reader.userId(), FollowChanged.newBuilder()
                    .setFollowerId(reader.id()).setFolloweeId(author.id()).setState(FollowChanged.State.FOLLOWING)
                    .setFolloweeFollowerCount(1).build()).await().indefinitely();
            // A marker post goes through the same subscription after the replays: once it is in, they were handled.
            String marker = post(author, "marker");
            awaitFeed(reader, ids -> ids.contains(marker));
        } finally {
            bus.close();
        }

        List<String> after = timelineWithScores(reader);
        after.removeIf(entry -> !entry.startsWith(postId + "@"));
        assertThat(after).containsExactlyElementsOf(before);
        assertThat(postIds(reader)).filteredOn(postId::equals).hasSize(1);
    }

    @Test
    void aFollowHandledAfterTheUnfollowThatFollowedItChangesNothing() {
        User author = newUser("la");
        User reader = newUser("lb");
        follow(reader, author);
        String followed = post(author, "while followed");
        awaitFeed(reader, ids -> ids.contains(followed));
        unfollow(reader, author);
        awaitFeed(reader, ids -> !ids.contains(followed));

        RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
        try {
            // The follow once more, as a retry that comes after the unfollow: the reader's first change, version 1.
            bus.publish(EventTypes.FOLLOW_CHANGED, reader.userId(), FollowChanged.newBuilder()
                    .setFollowerId(reader.id()).setFolloweeId(author.id()).setState(FollowChanged.State.FOLLOWING)
                    .setFolloweeFollowerCount(1).setVersion(1).build()).await().indefinitely();
            // A newer follow through the same subscription: once its posts are in, the late one was handled.
            User other = newUser("lc");
            follow(reader, other);
            String marker = post(other, "marker");
            awaitFeed(reader, ids -> ids.contains(marker));
        } finally {
            bus.close();
        }

        assertThat(postIds(reader)).doesNotContain(followed);
        String later = post(author, "after the unfollow");
        String marker = post(newUserFollowedBy(reader), "second marker");
        awaitFeed(reader, ids -> ids.contains(marker));
        assertThat(postIds(reader)).doesNotContain(followed, later);
    }

    private static User newUserFollowedBy(User reader) {
        User followed = newUser("ld");
        follow(reader, followed);
        return followed;
    }

    @Test
    void badRequestsAreProblems() {
        User reader = newUser("xa");
        reader.feed().queryParam("limit", 0).get("/v1/feed").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        reader.feed().queryParam("limit", 51).get("/v1/feed").then().statusCode(422);
        reader.feed().queryParam("limit", "lots").get("/v1/feed").then().statusCode(400).contentType("application/problem+json");
        reader.feed().queryParam("cursor", "not-a-cursor").get("/v1/feed").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("cursor"));
        given().get("/v1/feed").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer nonsense").get("/v1/feed").then().statusCode(401);
    }

    @Test
    void aCursorIsTheReadersOwn() {
        User author = newUser("oa");
        User reader = newUser("ob");
        User other = newUser("oc");
        follow(reader, author);
        postIds(reader);
        List<String> posted = List.of(post(author, "a"), post(author, "b"));
        awaitFeed(reader, ids -> ids.containsAll(posted));
        String cursor = page(reader, null, 1).getString("nextCursor");
        assertThat(cursor).isNotNull();

        // Someone else's cursor names a snapshot they do not have: they get their own feed from the top.
        assertThat(page(other, cursor, 1).getList("items.postId", String.class)).isEmpty();
    }

    @Test
    void aSecondReadIsHydratedFromTheCache() {
        User author = newUser("ha");
        User reader = newUser("hb");
        follow(reader, author);
        postIds(reader);
        String postId = post(author, "cached");
        awaitFeed(reader, ids -> ids.contains(postId));
        double hits = meters.get("shutter.post_cache.hits").functionCounter().count();
        double misses = meters.get("shutter.post_cache.misses").functionCounter().count();

        assertThat(postIds(reader)).containsExactly(postId);

        assertThat(meters.get("shutter.post_cache.hits").functionCounter().count()).isEqualTo(hits + 1);
        assertThat(meters.get("shutter.post_cache.misses").functionCounter().count()).isEqualTo(misses);
    }

    @Test
    void metricsNameWhatTheFeedDoes() {
        User reader = newUser("qa");
        postIds(reader);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("feed_read_latency_seconds_bucket", "feed_fanout_lag_seconds",
                "feed_fanout_timeline_writes_per_post", "shutter_post_cache_hit_ratio", "feed_timeline_rebuilds_total");
    }

    private List<String> timelineWithScores(User user) {
        List<String> entries = new ArrayList<>();
        var answer = redis.send(Request.cmd(Command.ZRANGE).arg(TimelineKeys.timeline(user.id())).arg(0).arg(-1).arg("WITHSCORES"))
                .await().indefinitely();
        for (var item : answer) {
            if (item.size() == 2) {
                entries.add(item.get(0).toString() + "@" + item.get(1).toString());
            }
        }
        if (entries.isEmpty()) {
            for (int i = 0; i + 1 < answer.size(); i += 2) {
                entries.add(answer.get(i).toString() + "@" + answer.get(i + 1).toString());
            }
        }
        entries.removeIf(entry -> entry.startsWith("0@"));
        return new ArrayList<>(new HashSet<>(entries).stream().sorted().toList());
    }
}
