package dev.shutter.events.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shutter.events.Delivery;
import dev.shutter.events.Envelope;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each event handled once per subscription, by its ID, whatever is delivered again. */
class DeduplicatingHandlerTest {

    private static Vertx vertx;
    private static Redis redis;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventMetrics metrics = new EventMetrics(registry);

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
    void anEventDeliveredTwiceIsHandledOnceAndTheSecondIsAcknowledged() {
        AtomicInteger handled = new AtomicInteger();
        MessageHandler once = dedup(spec(), d -> {
            handled.incrementAndGet();
            return Uni.createFrom().voidItem();
        });
        Envelope event = event();

        once.handle(delivery(event, "m-1", 1)).await().atMost(Duration.ofSeconds(5));
        // The outbox published it again (another message ID), or the broker redelivered it.
        once.handle(delivery(event, "m-2", 1)).await().atMost(Duration.ofSeconds(5));
        once.handle(delivery(event, "m-1", 2)).await().atMost(Duration.ofSeconds(5));

        assertThat(handled).hasValue(1);
        assertThat(registry.counter("shutter.events.duplicates", "topic", "dedup.test", "subscription", spec().name()).count())
                .isEqualTo(2);
    }

    @Test
    void anotherSubscriptionHandlesTheSameEventToo() {
        AtomicInteger handled = new AtomicInteger();
        MessageHandler counting = d -> {
            handled.incrementAndGet();
            return Uni.createFrom().voidItem();
        };
        Envelope event = event();
        dedup(SubscriptionSpec.of("dedup.test", "first-" + UUID.randomUUID()), counting).handle(delivery(event, "m", 1))
                .await().atMost(Duration.ofSeconds(5));
        dedup(SubscriptionSpec.of("dedup.test", "second-" + UUID.randomUUID()), counting).handle(delivery(event, "m", 1))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(handled).hasValue(2);
    }

    @Test
    void aFailedHandlingGivesItsClaimBackSoTheRetryRuns() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        MessageHandler flaky = dedup(spec(), d -> {
            attempts.add(d.deliveryAttempt());
            return d.deliveryAttempt() == 1 ? Uni.createFrom().failure(new IllegalStateException("database blip"))
                    : Uni.createFrom().voidItem();
        });
        Envelope event = event();

        assertThatThrownBy(() -> flaky.handle(delivery(event, "m", 1)).await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("database blip");
        flaky.handle(delivery(event, "m", 2)).await().atMost(Duration.ofSeconds(5));
        flaky.handle(delivery(event, "m", 3)).await().atMost(Duration.ofSeconds(5));

        assertThat(attempts).containsExactly(1, 2);
    }

    @Test
    void aDuplicateArrivingWhileTheFirstIsHandledFailsToBeRetriedLater() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        AtomicInteger handled = new AtomicInteger();
        MessageHandler slow = dedup(spec(), d -> {
            handled.incrementAndGet();
            return Uni.createFrom().completionStage(release);
        });
        Envelope event = event();

        CompletableFuture<Void> first = slow.handle(delivery(event, "m-1", 1)).subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.get() == 1);
        assertThatThrownBy(() -> slow.handle(delivery(event, "m-2", 1)).await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("is being handled");
        release.complete(null);
        first.join();
        slow.handle(delivery(event, "m-2", 2)).await().atMost(Duration.ofSeconds(5));

        assertThat(handled).hasValue(1);
    }

    @Test
    void withoutRedisTheHandlerStillRuns() {
        Redis unreachable = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1")
                .setMaxWaitingHandlers(8));
        try {
            AtomicInteger handled = new AtomicInteger();
            MessageHandler handler = new DeduplicatingHandler(unreachable, spec(), d -> {
                handled.incrementAndGet();
                return Uni.createFrom().voidItem();
            }, Duration.ofMinutes(5), metrics);

            handler.handle(delivery(event(), "m", 1)).await().atMost(Duration.ofSeconds(10));

            assertThat(handled).hasValue(1);
        } finally {
            unreachable.close();
        }
    }

    @Test
    void throughTheStreamsAdapterAnEventPublishedTwiceReachesTheHandlerOnce() {
        String topic = "dedup." + UUID.randomUUID();
        SubscriptionSpec spec = SubscriptionSpec.of(topic, "once").withAckDeadline(Duration.ofSeconds(2));
        List<String> seen = new CopyOnWriteArrayList<>();
        Envelope event = event();
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
                Subscription subscription = bus.subscribe(spec, dedup(spec, d -> {
                    seen.add(d.envelope().eventId());
                    return Uni.createFrom().voidItem();
                }))) {
            bus.publish(topic, event).await().atMost(Duration.ofSeconds(5));
            bus.publish(topic, event).await().atMost(Duration.ofSeconds(5));
            bus.publish(topic, event()).await().atMost(Duration.ofSeconds(5));

            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(seen).hasSize(2).containsOnlyOnce(event.eventId());
        }
    }

    private MessageHandler dedup(SubscriptionSpec spec, MessageHandler handler) {
        return new DeduplicatingHandler(redis, spec, handler, Duration.ofMinutes(5), metrics);
    }

    private static SubscriptionSpec spec() {
        return SubscriptionSpec.of("dedup.test", "dedup-test");
    }

    private static Envelope event() {
        return new Envelope(UUID.randomUUID().toString(), "t", Instant.now(), "k", new byte[] {1});
    }

    private static Delivery delivery(Envelope envelope, String messageId, int attempt) {
        return new Delivery(messageId, envelope.attributes(), envelope.payload(), attempt);
    }
}
