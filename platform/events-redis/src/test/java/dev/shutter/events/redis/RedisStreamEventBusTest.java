package dev.shutter.events.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.events.Delivery;
import dev.shutter.events.Envelope;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.testsupport.TestRedis;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the Redis adapter promises: bounded streams, cluster-safe keys, surviving a Redis restart. */
class RedisStreamEventBusTest {

    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, RedisStreamEventBus.clientOptions(TestRedis.shared().uri()));
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void nothingAGroupHasNotAcknowledgedIsTrimmedAndAcknowledgedEntriesGo() {
        String topic = "bounded." + UUID.randomUUID();
        String stream = StreamKeys.of(topic);
        RedisStreamOptions options = RedisStreamOptions.defaults().withMaxLength(100).withTrimInterval(Duration.ofMillis(200));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(meters);
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri(), options)) {
            // A group that reads nothing yet, as a consumer that is down would.
            redis.sendAndAwait(Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg("slow").arg("0").arg("MKSTREAM"));
            for (int i = 0; i < 2_000; i++) {
                bus.publish(topic, event("t")).await().indefinitely();
            }
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(length(stream)).as("every entry is still unread by the group").isEqualTo(2_000);
            assertThat(meters.get("shutter.events.stream_length").tag("topic", topic).gauge().value()).isEqualTo(2_000);

            // The group catches up and acknowledges all: the stream shrinks (MINID ~ keeps at most a node).
            Set<String> received = ConcurrentHashMap.newKeySet();
            try (Subscription subscription = bus.subscribe(SubscriptionSpec.of(topic, "slow"), d -> {
                received.add(d.messageId());
                return Uni.createFrom().voidItem();
            })) {
                await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 2_000);
                await().atMost(Duration.ofSeconds(10)).until(() -> length(stream) <= 200);
            }
        } finally {
            Metrics.globalRegistry.remove(meters);
        }
    }

    @Test
    void aStreamNoGroupReadsIsCutToItsLength() {
        String topic = "unread." + UUID.randomUUID();
        RedisStreamOptions options = RedisStreamOptions.defaults().withMaxLength(100).withTrimInterval(Duration.ofMillis(200));
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri(), options)) {
            for (int i = 0; i < 2_000; i++) {
                bus.publish(topic, event("t")).await().indefinitely();
            }
            // MAXLEN ~ trims whole radix-tree nodes (100 entries each by default), never below the bound.
            await().atMost(Duration.ofSeconds(10)).until(() -> length(StreamKeys.of(topic)) <= 300);
            assertThat(length(StreamKeys.of(topic))).isGreaterThanOrEqualTo(100);
        }
    }

    private static long length(String stream) {
        return redis.sendAndAwait(Request.cmd(Command.XLEN).arg(stream)).toLong();
    }

    @Test
    void replayedDeadLettersAreHandledByTheSubscriptionThatFailedThem() {
        String topic = "replay." + UUID.randomUUID();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
                Subscription subscription = bus.subscribe(SubscriptionSpec.of(topic, "fragile")
                        .withAckDeadline(Duration.ofSeconds(1)).withRetryBackoff(Duration.ofMillis(50)), d -> {
                    if (!fixed.get()) {
                        return Uni.createFrom().failure(new IllegalStateException("a bug, fixed later"));
                    }
                    handled.add(d.envelope().type());
                    return Uni.createFrom().voidItem();
                })) {
            bus.publish(topic, event("first")).await().indefinitely();
            bus.publish(topic, event("second")).await().indefinitely();
            String deadLetters = StreamKeys.of(dev.shutter.events.DeadLetters.topicOf(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> length(deadLetters) == 2);

            fixed.set(true);
            assertThat(DeadLetterReplay.replay(redis, topic).await().atMost(Duration.ofSeconds(5))).isEqualTo(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> handled.containsAll(java.util.List.of("first", "second")));
            assertThat(length(deadLetters)).isZero();
            var replayed = redis.sendAndAwait(Request.cmd(Command.XREVRANGE).arg(StreamKeys.of(topic)).arg("+").arg("-")
                    .arg("COUNT").arg(1));
            assertThat(replayed.get(0).get(1).toString()).doesNotContain("deadLetter");
        }
    }

    @Test
    void deadLetterTopicSharesItsTopicsHashTag() {
        assertThat(StreamKeys.of("post.published")).isEqualTo("events:{post.published}");
        assertThat(StreamKeys.of("post.published.dead-letter")).isEqualTo("events:{post.published}.dead-letter");
        assertThat(StreamKeys.of("post.published.dead-letter.dead-letter"))
                .isEqualTo("events:{post.published}.dead-letter.dead-letter");
    }

    @Test
    void consumerCarriesOnAfterRedisRestarts() {
        String topic = "restart." + UUID.randomUUID();
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri())) {
            Subscription subscription = bus.subscribe(SubscriptionSpec.of(topic, "main").withAckDeadline(Duration.ofSeconds(1)),
                    d -> record(received, d));
            bus.publish(topic, event("before")).await().indefinitely();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("before"));

            TestRedis.shared().stop();
            TestRedis.shared().start();
            // The restarted server is empty (no persistence): the consumer must reconnect and
            // create its group again by itself.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> {
                        bus.publish(topic, event("after")).await().atMost(Duration.ofSeconds(2));
                        return true;
                    });

            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("after"));
            subscription.close();
        }
    }

    private static Uni<Void> record(Set<String> into, Delivery delivery) {
        into.add(delivery.envelope().type());
        return Uni.createFrom().voidItem();
    }

    private static Envelope event(String type) {
        return new Envelope(UUID.randomUUID().toString(), type, Instant.now(), "", new byte[16]);
    }

}
