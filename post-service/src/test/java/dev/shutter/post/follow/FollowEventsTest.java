package dev.shutter.post.follow;

import dev.shutter.contracts.events.EventTypes;
import static dev.shutter.post.follow.Follows.approve;
import static dev.shutter.post.follow.Follows.follow;
import static dev.shutter.post.follow.Follows.makePrivate;
import static dev.shutter.post.follow.Follows.newUsers;
import static dev.shutter.post.follow.Follows.unfollow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.contracts.events.v1.FollowChanged.State;
import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code follow.changed} as consumers receive it: read back from the real Redis stream the
 * outbox relays to, so the outbox write, the relay and the payload are all covered.
 */
@QuarkusTest
class FollowEventsTest {

    /** The stream of the topic (the Redis Streams adapter's key for it). */
    private static final String STREAM = "events:{" + EventTypes.FOLLOW_CHANGED.name() + "}";

    @Inject
    Redis redis;

    private record Received(String key, String type, FollowChanged event) {}

    @Test
    void everyChangeIsAnnouncedOnceWithItsState() {
        List<TestUser> users = newUsers("events", 3);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);
        TestUser cat = users.get(2);

        follow(ann, bob);
        follow(ann, bob);
        unfollow(ann, bob);
        unfollow(ann, bob);
        makePrivate(cat, true);
        follow(ann, cat);
        approve(cat, ann);
        unfollow(ann, cat);
        follow(bob, cat);
        cat.request().post("/v1/me/follow-requests/" + bob.userId() + "/deny").then().statusCode(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(statesOf(ann, bob)).containsExactly(State.FOLLOWING, State.NONE);
            assertThat(statesOf(ann, cat)).containsExactly(State.REQUESTED, State.FOLLOWING, State.NONE);
            assertThat(statesOf(bob, cat)).containsExactly(State.REQUESTED, State.NONE);
        });
        Received first = between(ann, bob).getFirst();
        assertThat(first.type()).isEqualTo(EventTypes.FOLLOW_CHANGED.name());
        assertThat(first.key()).as("keyed by the follower").isEqualTo(ann.userId());
        assertThat(first.event().getFolloweeCelebrity()).isFalse();
        assertThat(first.event().getAt().getSeconds()).isPositive();
    }

    @Test
    void theFollowThatReachesTheThresholdAnnouncesACelebrity() {
        // The test profile sets shutter.celebrities.threshold to 5.
        List<TestUser> users = newUsers("celebrity", 6);
        TestUser star = users.getFirst();
        for (TestUser fan : users.subList(1, 6)) {
            follow(fan, star);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Boolean> celebrity = new ArrayList<>();
            List<Long> followers = new ArrayList<>();
            for (TestUser fan : users.subList(1, 6)) {
                List<Received> events = between(fan, star);
                assertThat(events).hasSize(1);
                celebrity.add(events.getFirst().event().getFolloweeCelebrity());
                followers.add(events.getFirst().event().getFolloweeFollowerCount());
            }
            assertThat(celebrity).containsExactly(false, false, false, false, true);
            assertThat(followers).as("the count after each change").containsExactly(1L, 2L, 3L, 4L, 5L);
        });
        unfollow(users.get(1), star);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(between(users.get(1), star))
                .extracting(r -> r.event().getState() + "/" + r.event().getFolloweeCelebrity() + "/"
                        + r.event().getFolloweeFollowerCount())
                .containsExactly("FOLLOWING/false/1", "NONE/false/4"));
    }

    private List<State> statesOf(TestUser follower, TestUser followee) {
        return between(follower, followee).stream().map(r -> r.event().getState()).toList();
    }

    /** The pair's events in stream order. */
    private List<Received> between(TestUser follower, TestUser followee) {
        long followerId = Long.parseLong(follower.userId());
        long followeeId = Long.parseLong(followee.userId());
        return readStream().stream()
                .filter(r -> r.event().getFollowerId() == followerId && r.event().getFolloweeId() == followeeId)
                .toList();
    }

    private List<Received> readStream() {
        Response entries = redis.send(Request.cmd(Command.XRANGE).arg(STREAM).arg("-").arg("+")).await().atMost(Duration.ofSeconds(5));
        List<Received> received = new ArrayList<>();
        if (entries == null) {
            return received;
        }
        for (Response entry : entries) {
            Response fields = entry.get(1);
            Map<String, String> attributes = new HashMap<>();
            byte[] body = new byte[0];
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String name = fields.get(i).toString();
                if (name.equals("body")) {
                    body = fields.get(i + 1).toBytes();
                } else {
                    attributes.put(name, fields.get(i + 1).toString(StandardCharsets.UTF_8));
                }
            }
            try {
                received.add(new Received(attributes.get("key"), attributes.get("type"), FollowChanged.parseFrom(body)));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("not a FollowChanged payload", e);
            }
        }
        return received;
    }
}
