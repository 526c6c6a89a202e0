package dev.shutter.feed;

import static dev.shutter.feed.FeedReader.awaitFeed;
import static dev.shutter.feed.FeedReader.postIds;
import static dev.shutter.feed.FeedReader.timeline;
import static dev.shutter.feed.Network.follow;
import static dev.shutter.feed.Network.unfollow;
import static dev.shutter.feed.Network.newUser;
import static dev.shutter.feed.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.contracts.events.v1.UserErased;
import dev.shutter.events.EventRouter;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.feed.Network.User;
import dev.shutter.feed.erasure.TimelineErasure;
import dev.shutter.feed.timeline.TimelineKeys;
import dev.shutter.testsupport.TestRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.shutter.testsupport.Traces;
import org.junit.jupiter.api.Test;

/** The feed's part of an erasure, against the real post-service: the account leaves every timeline and list. */
@QuarkusTest
class TimelineErasureTest {

    @Inject
    Redis redis;

    @Test
    void anErasedAccountLeavesTimelinesListsAndItsOwnKeys() {
        User gone = newUser("tg");
        User follower = newUser("tf");
        User followed = newUser("tb");
        User former = newUser("tx");
        follow(follower, gone);
        follow(gone, followed);
        // A former follower: its feed keeps the unfollow's version for gone, which must go too.
        follow(former, gone);
        unfollow(former, gone);
        postIds(follower);
        List<String> posted = List.of(post(gone, "one"), post(gone, "two"));
        String kept = post(followed, "stays");
        awaitFeed(follower, ids -> ids.containsAll(posted));
        awaitFeed(gone, ids -> ids.containsAll(posted) && ids.contains(kept)); // its own timeline and a snapshot exist
        assertThat(exists(TimelineKeys.timeline(gone.id()))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(redis.send(Request.cmd(Command.HGET)
                .arg(TimelineKeys.followVersions(former.id())).arg(gone.userId())).await().atMost(Duration.ofSeconds(5)))
                .endsWith(":NONE"));

        List<ErasureFinished> reports = new CopyOnWriteArrayList<>();
        RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
        try (Subscription ledger = bus.subscribe(SubscriptionSpec.of(EventTypes.ERASURE_FINISHED, "ledger-" + gone.userId()),
                EventRouter.builder().on(EventTypes.ERASURE_FINISHED, event -> {
                    reports.add(event.payload());
                    return Uni.createFrom().voidItem();
                }).build())) {
            bus.publish(EventTypes.USER_ERASED, gone.userId(), UserErased.newBuilder().setUserId(gone.id()).build())
                    .await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> reports.stream()
                    .anyMatch(r -> r.getUserId() == gone.id() && r.getStore().equals(TimelineErasure.STORE)));
        } finally {
            bus.close();
        }

        assertThat(timeline(redis, follower)).doesNotContainAnyElementsOf(posted);
        assertThat(members(TimelineKeys.followers(followed.id()))).doesNotContain(gone.userId());
        for (String key : List.of(TimelineKeys.timeline(gone.id()), TimelineKeys.celebrities(gone.id()),
                TimelineKeys.followers(gone.id()))) {
            assertThat(exists(key)).as(key).isFalse();
        }
        var snapshots = redis.send(Request.cmd(Command.KEYS).arg(TimelineKeys.snapshotPattern(gone.id()))).await()
                .atMost(Duration.ofSeconds(5));
        assertThat(snapshots.size()).isZero();
        assertThat(reports.stream().filter(r -> r.getUserId() == gone.id()).findFirst().orElseThrow().getRemoved()).isPositive();
        // No key of the feed's names it, in its name or its value (follow versions of both ends included);
        // post-service's own keys on this Redis are its erasure's business.
        assertThat(Traces.inRedis(redis, gone.userId())).filteredOn(key -> List.of("follows:", "timeline:", "celebs:", "followers:",
                "feed:").stream().anyMatch(key::startsWith)).isEmpty();
        assertThat(exists(TimelineKeys.followVersions(follower.id()))).as("the follower's only version was of gone").isFalse();
    }

    private boolean exists(String key) {
        return redis.send(Request.cmd(Command.EXISTS).arg(key)).await().atMost(Duration.ofSeconds(5)).toInteger() == 1;
    }

    private List<String> members(String key) {
        List<String> members = new ArrayList<>();
        redis.send(Request.cmd(Command.SMEMBERS).arg(key)).await().atMost(Duration.ofSeconds(5))
                .forEach(member -> members.add(member.toString()));
        return members;
    }
}
