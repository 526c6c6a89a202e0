package dev.shutter.feed;

import dev.shutter.contracts.events.EventTypes;
import static dev.shutter.feed.FeedReader.postIds;
import static dev.shutter.feed.FeedReader.timeline;
import static dev.shutter.feed.Network.follow;
import static dev.shutter.feed.Network.newUser;
import static dev.shutter.feed.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.feed.Network.User;
import dev.shutter.feed.timeline.TimelineKeys;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What fan-out keeps in Redis beside the timelines: the authors' follower lists (built from
 * post-service, kept current by follows, rebuilt when gone), the readers' last read times (a
 * reader quiet for longer than inactive-after is skipped), and the timelines' trim.
 */
@QuarkusTest
class FanoutStateTest {

    private static final int TIMELINE_SIZE = 500;
    private static final IdGenerator IDS = new IdGenerator(Snowflake.MAX_WORKER);

    @Inject
    Redis redis;

    @Inject
    MeterRegistry meters;

    @Test
    void theFollowerListIsBuiltFromPostServiceAndKeptCurrentByFollowsAndUnfollows() {
        User author = newUser("la");
        User first = newUser("lb");
        follow(first, author);
        postIds(first);
        assertThat(followerList(author)).as("no post yet: no list").isNull();

        String one = post(author, "one");
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, first).contains(one));
        assertThat(followerList(author)).as("streamed from post-service on the first post").containsExactly(first.userId());

        User second = newUser("lc");
        follow(second, author);
        await().atMost(FeedReader.WAIT).until(() -> followerList(author).contains(second.userId()));
        Network.unfollow(first, author);
        await().atMost(FeedReader.WAIT).until(() -> !followerList(author).contains(first.userId()));
        assertThat(followerList(author)).containsExactly(second.userId());

        postIds(second);
        String two = post(author, "two");
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, second).contains(two));
        assertThat(timeline(redis, first)).doesNotContain(two);
    }

    @Test
    void aFollowerListThatIsGoneOrHalfBuiltIsStreamedAgain() {
        User author = newUser("ga");
        User reader = newUser("gb");
        follow(reader, author);
        postIds(reader);
        String one = post(author, "one");
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, reader).contains(one));
        double built = meters.get("feed.follower.lists.built").counter().count();

        // Expired (or evicted): a follow made meanwhile is in post-service, not in Redis.
        send(Request.cmd(Command.DEL).arg(TimelineKeys.followers(author.id())));
        User late = newUser("gc");
        follow(late, author);
        postIds(late);
        String two = post(author, "two");
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, late).contains(two) && timeline(redis, reader).contains(two));
        assertThat(followerList(author)).containsExactlyInAnyOrder(reader.userId(), late.userId());

        // Half built (no marker): missing, so streamed again.
        send(Request.cmd(Command.DEL).arg(TimelineKeys.followers(author.id())));
        send(Request.cmd(Command.SADD).arg(TimelineKeys.followers(author.id())).arg(late.userId()));
        String three = post(author, "three");
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, reader).contains(three));
        assertThat(followerList(author)).containsExactlyInAnyOrder(reader.userId(), late.userId());
        assertThat(meters.get("feed.follower.lists.built").counter().count()).isGreaterThanOrEqualTo(built + 2);
    }

    @Test
    void aReaderWhoseTimelineExpiredIsSkippedAndRebuiltWhenTheyReturn() {
        User author = newUser("qa");
        User quiet = newUser("qb");
        User active = newUser("qc");
        follow(quiet, author);
        follow(active, author);
        postIds(quiet);
        postIds(active);
        // As inactive-after without a read leaves it: the timeline is gone.
        send(Request.cmd(Command.DEL).arg(TimelineKeys.timeline(quiet.id())));

        String postId = post(author, "for the active only");

        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, active).contains(postId));
        assertThat(timeline(redis, quiet)).as("skipped, not recreated").isNull();
        assertThat(postIds(quiet)).containsExactly(postId);
    }

    @Test
    void timelinesStayTrimmedAcrossFanOutsAndReads() {
        User author = newUser("ta");
        User reader = newUser("tb");
        follow(reader, author);
        postIds(reader);
        String key = TimelineKeys.timeline(reader.id());
        fill(key, TIMELINE_SIZE + 100);

        // A post whose fan-out trims this reader's timeline (about one in 16 does, by reader and post).
        long postId;
        do {
            postId = IDS.next(0);
        } while (Math.floorMod(reader.id() ^ postId, 16L) != 0);
        publish(author, postId);
        long pushed = postId;
        await().atMost(FeedReader.WAIT).until(() -> send(Request.cmd(Command.ZSCORE).arg(key).arg(pushed)) != null);
        assertThat(send(Request.cmd(Command.ZCARD).arg(key)).toInteger()).isEqualTo(TIMELINE_SIZE + 1);
        assertThat(send(Request.cmd(Command.ZSCORE).arg(key).arg("0"))).as("the built marker stays").isNotNull();

        // Posts whose fan-out does not trim: the next read does.
        fill(key, 50);
        double rebuilds = meters.get("feed.timeline.rebuilds").counter().count();
        postIds(reader);
        assertThat(send(Request.cmd(Command.ZCARD).arg(key)).toInteger()).isEqualTo(TIMELINE_SIZE + 1);
        assertThat(send(Request.cmd(Command.ZSCORE).arg(key).arg("0"))).isNotNull();
        assertThat(meters.get("feed.timeline.rebuilds").counter().count()).as("still built: no rebuild").isEqualTo(rebuilds);
    }

    @Test
    void aTimelineWithoutTheBuiltMarkerIsRebuilt() {
        User author = newUser("na");
        User reader = newUser("nb");
        follow(reader, author);
        String postId = post(author, "before the first read");
        // As a fan-out write racing the timeline's expiry leaves it: posts, no marker, no expiry.
        long stray = IDS.next(0);
        send(Request.cmd(Command.ZADD).arg(TimelineKeys.timeline(reader.id())).arg(System.currentTimeMillis()).arg(stray));

        assertThat(postIds(reader)).containsExactly(postId);
        String key = TimelineKeys.timeline(reader.id());
        assertThat(send(Request.cmd(Command.ZSCORE).arg(key).arg("0"))).isNotNull();
        assertThat(send(Request.cmd(Command.PTTL).arg(key)).toLong()).isPositive();
    }

    /** The author's follower list in Redis without the marker; null when missing. */
    private List<String> followerList(User author) {
        Set<String> members = new HashSet<>();
        for (Response member : send(Request.cmd(Command.SMEMBERS).arg(TimelineKeys.followers(author.id())))) {
            members.add(member.toString());
        }
        if (!members.remove("0")) {
            return null;
        }
        return new ArrayList<>(members);
    }

    /** Older posts (IDs of posts that do not exist: the feed skips them when hydrating). */
    private void fill(String key, int posts) {
        Request zadd = Request.cmd(Command.ZADD).arg(key);
        long now = System.currentTimeMillis();
        for (int i = 0; i < posts; i++) {
            zadd.arg(now - 60_000 - i).arg(IDS.next(0));
        }
        send(zadd);
    }

    private void publish(User author, long postId) {
        RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
        try {
            PostPublished published = PostPublished.newBuilder().setPostId(postId).setAuthorId(author.id())
                    .setAuthorFollowerCount(1).build();
            bus.publish(EventTypes.POST_PUBLISHED, Long.toString(postId), published).await().indefinitely();
        } finally {
            bus.close();
        }
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(FeedReader.WAIT);
    }
}
