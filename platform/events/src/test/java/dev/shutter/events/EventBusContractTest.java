package dev.shutter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.StringValue;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every events adapter must have. An adapter's test extends this class and says
 * how to reach its broker; the tests are the same for Redis Streams and Pub/Sub.
 */
public abstract class EventBusContractTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<Subscription> subscriptions = new ArrayList<>();
    protected String topic;

    protected abstract EventPublisher publisher();

    protected abstract EventSubscriber subscriber();

    /** The shortest ack deadline the adapter honours; the deadline tests wait about this long. */
    protected abstract Duration shortAckDeadline();

    @BeforeEach
    void newTopic() {
        topic = "contract." + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeSubscriptions() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    @Test
    void deliversPublishedEventWithItsEnvelope() {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        subscribe(spec("main"), d -> record(received, d));
        Envelope sent = new Envelope("ev-1", "thing.happened", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "key-7", StringValue.of("hello").toByteArray());

        publish(sent);

        await().atMost(WAIT).until(() -> received.size() == 1);
        Delivery delivery = received.getFirst();
        assertThat(delivery.envelope()).isEqualTo(sent);
        assertThat(delivery.deliveryAttempt()).isEqualTo(1);
    }

    @Test
    void failedEventIsDeliveredAgain() {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        subscribe(spec("main"), d -> {
            received.add(d);
            return d.deliveryAttempt() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("first try fails"))
                    : Uni.createFrom().voidItem();
        });
        Envelope sent = event("a");

        publish(sent);

        await().atMost(WAIT).until(() -> received.size() >= 2);
        assertThat(received.get(1).envelope().eventId()).isEqualTo(sent.eventId());
        assertThat(received.get(1).deliveryAttempt()).isEqualTo(2);
        assertDeliveredNoMoreAfter(received, 2, shortAckDeadline().plusSeconds(1));
    }

    @Test
    void eachRetryWaitsLongerThanTheOneBefore() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        // Redis' ack deadline here is 1 s: its second wait (2 s) is longer than an idle time can hold.
        subscribe(spec("main").withRetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(5)), d -> {
            arrivals.add(System.nanoTime());
            return d.deliveryAttempt() < 3
                    ? Uni.createFrom().failure(new IllegalStateException("fails on attempt " + d.deliveryAttempt()))
                    : Uni.createFrom().voidItem();
        });

        publish(event("backing-off"));

        await().atMost(WAIT).until(() -> arrivals.size() == 3);
        Duration first = Duration.ofNanos(arrivals.get(1) - arrivals.get(0));
        Duration second = Duration.ofNanos(arrivals.get(2) - arrivals.get(1));
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        // A fixed 500 ms backoff could not wait this long, even a tick late.
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertDeliveredNoMoreAfter(arrivals, 3, shortAckDeadline().plusSeconds(1));
    }

    @Test
    void unacknowledgedEventComesBackAfterTheDeadlineAndAcknowledgedOneDoesNot() {
        List<Delivery> held = new CopyOnWriteArrayList<>();
        List<Delivery> acked = new CopyOnWriteArrayList<>();
        subscribe(spec("main").withMaxLeaseExtension(Duration.ZERO), d -> {
            if (d.envelope().type().equals("hold")) {
                held.add(d);
                // The first delivery never finishes, as if the consumer hung or died.
                return d.deliveryAttempt() == 1 ? Uni.createFrom().nothing() : Uni.createFrom().voidItem();
            }
            return record(acked, d);
        });

        publish(new Envelope("held-1", "hold", Instant.now(), "", new byte[0]));
        publish(event("acked"));

        await().atMost(WAIT).until(() -> held.size() >= 2);
        assertThat(held.get(1).deliveryAttempt()).isEqualTo(2);
        assertThat(acked).hasSize(1);
    }

    @Test
    void eventFailingOnEveryDeliveryIsDeadLetteredWithTheReason() {
        List<Delivery> attempts = new CopyOnWriteArrayList<>();
        List<Delivery> deadLetters = new CopyOnWriteArrayList<>();
        SubscriptionSpec spec = spec("main");
        subscribe(spec, d -> {
            attempts.add(d);
            return Uni.createFrom().failure(new IllegalStateException("boom on attempt " + d.deliveryAttempt()));
        });
        subscribe(deadLetterSpec(spec), d -> record(deadLetters, d));
        Envelope sent = event("doomed");

        publish(sent);

        await().atMost(WAIT).until(() -> deadLetters.size() == 1);
        assertThat(attempts).extracting(Delivery::deliveryAttempt).containsExactly(1, 2, 3, 4, 5);
        Delivery dead = deadLetters.getFirst();
        assertThat(dead.envelope()).isEqualTo(sent);
        assertThat(dead.attributes())
                .containsEntry(DeadLetters.REASON, "boom on attempt 5")
                .containsEntry(DeadLetters.SOURCE_TOPIC, topic)
                .containsEntry(DeadLetters.SOURCE_SUBSCRIPTION, spec.name())
                .containsEntry(DeadLetters.DELIVERY_ATTEMPTS, "5");
        assertDeliveredNoMoreAfter(attempts, 5, shortAckDeadline().plusSeconds(1));
    }

    @Test
    void unknownTypeIsDeadLetteredAtOnceWithoutBlockingTheNextEvent() {
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Delivery> deadLetters = new CopyOnWriteArrayList<>();
        SubscriptionSpec spec = spec("main").withConcurrency(1);
        subscribe(spec, EventRouter.builder()
                .on("known", StringValue.parser(), e -> {
                    handled.add(e.payload().getValue());
                    return Uni.createFrom().voidItem();
                })
                .build());
        subscribe(deadLetterSpec(spec), d -> record(deadLetters, d));

        publish(new Envelope("u-1", "mystery", Instant.now(), "", new byte[] {1}));
        publish(new Envelope("k-1", "known", Instant.now(), "", StringValue.of("after").toByteArray()));

        await().atMost(WAIT).until(() -> handled.contains("after") && deadLetters.size() == 1);
        assertThat(deadLetters.getFirst().attributes())
                .containsEntry(DeadLetters.REASON, "unknown event type: mystery")
                .containsEntry(DeadLetters.DELIVERY_ATTEMPTS, "1");
    }

    @Test
    void unparseablePayloadIsDeadLetteredAtOnce() {
        List<Delivery> deadLetters = new CopyOnWriteArrayList<>();
        AtomicInteger handled = new AtomicInteger();
        SubscriptionSpec spec = spec("main");
        subscribe(spec, EventRouter.builder()
                .on("known", StringValue.parser(), e -> {
                    handled.incrementAndGet();
                    return Uni.createFrom().voidItem();
                })
                .build());
        subscribe(deadLetterSpec(spec), d -> record(deadLetters, d));

        publish(new Envelope("bad-1", "known", Instant.now(), "", new byte[] {(byte) 0xff, (byte) 0xff, 0x01}));

        await().atMost(WAIT).until(() -> deadLetters.size() == 1);
        assertThat(deadLetters.getFirst().attributes().get(DeadLetters.REASON))
                .startsWith("payload of known does not parse");
        assertThat(handled).hasValue(0);
    }

    @Test
    void tenThousandEventsArriveWithNothingLost() {
        int count = 10_000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        subscribe(spec("main").withConcurrency(16), d -> {
            deliveries.incrementAndGet();
            String id = d.envelope().eventId();
            // Every hundredth event fails once, so redelivery runs under load too.
            if (d.deliveryAttempt() == 1 && id.hashCode() % 100 == 0) {
                return Uni.createFrom().failure(new IllegalStateException("transient"));
            }
            seen.add(id);
            return Uni.createFrom().voidItem();
        });

        List<Uni<Void>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(publisher().publish(topic, event("bulk-" + i)));
            if (sends.size() == 500) {
                Uni.join().all(sends).andFailFast().await().atMost(WAIT);
                sends.clear();
            }
        }
        Uni.join().all(sends).andFailFast().await().atMost(WAIT);

        await().atMost(Duration.ofMinutes(3)).until(() -> seen.size() == count);
        assertThat(deliveries.get()).isGreaterThanOrEqualTo(count);
    }

    @Test
    void runsNoMoreHandlersAtOnceThanItsConcurrency() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Set<String> done = ConcurrentHashMap.newKeySet();
        subscribe(spec("main").withConcurrency(3), d -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(20))
                    .invoke(() -> {
                        running.decrementAndGet();
                        done.add(d.envelope().eventId());
                    });
        });

        for (int i = 0; i < 40; i++) {
            publish(event("busy-" + i));
        }

        await().atMost(WAIT).until(() -> done.size() == 40);
        assertThat(peak.get()).isBetween(2, 3);
    }

    @Test
    void closingReleasesEventsInFlightToTheNextConsumer() {
        List<Delivery> firstConsumer = new CopyOnWriteArrayList<>();
        Set<String> secondConsumer = ConcurrentHashMap.newKeySet();
        SubscriptionSpec spec = spec("main").withConcurrency(4).withShutdownGrace(Duration.ofMillis(300));
        Subscription first = subscriber().subscribe(spec, d -> {
            firstConsumer.add(d);
            return Uni.createFrom().nothing();
        });
        for (int i = 0; i < 3; i++) {
            publish(event("inflight-" + i));
        }
        await().atMost(WAIT).until(() -> firstConsumer.size() == 3);

        first.close();
        subscribe(spec, d -> {
            secondConsumer.add(d.envelope().type());
            return Uni.createFrom().voidItem();
        });

        await().atMost(WAIT).until(() -> secondConsumer.size() == 3);
        assertThat(secondConsumer).containsExactlyInAnyOrder("inflight-0", "inflight-1", "inflight-2");
    }

    protected SubscriptionSpec spec(String name) {
        return SubscriptionSpec.of(topic, name)
                .withAckDeadline(shortAckDeadline())
                .withRetryBackoff(Duration.ofMillis(50))
                .withShutdownGrace(Duration.ofSeconds(2));
    }

    protected SubscriptionSpec deadLetterSpec(SubscriptionSpec spec) {
        return spec.deadLetters().withAckDeadline(shortAckDeadline()).withRetryBackoff(Duration.ofMillis(50));
    }

    protected Subscription subscribe(SubscriptionSpec spec, MessageHandler handler) {
        Subscription subscription = subscriber().subscribe(spec, handler);
        subscriptions.add(subscription);
        return subscription;
    }

    protected void publish(Envelope envelope) {
        publisher().publish(topic, envelope).await().atMost(WAIT);
    }

    private static Envelope event(String type) {
        return new Envelope(UUID.randomUUID().toString(), type, Instant.now(), "k", StringValue.of(type).toByteArray());
    }

    private static Uni<Void> record(List<Delivery> into, Delivery delivery) {
        into.add(delivery);
        return Uni.createFrom().voidItem();
    }

    private static void assertDeliveredNoMoreAfter(List<?> deliveries, int expected, Duration quiet) {
        await().pollDelay(quiet).atMost(quiet.plusSeconds(5)).until(() -> true);
        assertThat(deliveries).hasSize(expected);
    }

    protected static Map<String, String> attributesOf(Envelope envelope) {
        return envelope.attributes();
    }
}
