package dev.shutter.events.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.events.Delivery;
import dev.shutter.events.Envelope;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.testsupport.TestRedis;
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
    void streamLengthStaysNearItsBound() {
        String topic = "bounded." + UUID.randomUUID();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri(),
                RedisStreamOptions.defaults().withMaxLength(100))) {
            for (int i = 0; i < 2_000; i++) {
                bus.publish(topic, event("t")).await().indefinitely();
            }
        }

        long length = redis.sendAndAwait(Request.cmd(Command.XLEN).arg(StreamKeys.of(topic))).toLong();
        // MAXLEN ~ trims whole radix-tree nodes (100 entries each by default), never below the bound.
        assertThat(length).isBetween(100L, 300L);
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
