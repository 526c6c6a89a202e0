package dev.shutter.events;

import dev.shutter.contracts.events.EventType;
import java.time.Duration;
import java.util.Objects;

/**
 * How a subscription consumes a topic.
 *
 * @param topic the topic (Redis: stream; Pub/Sub: topic)
 * @param name the subscription (Redis: consumer group; Pub/Sub: subscription); consumers that
 *     share a name share the work
 * @param ackDeadline how long a delivery may stay unacknowledged before it is delivered again,
 *     unless its lease is extended
 * @param maxLeaseExtension how long a running handler keeps its message leased beyond the
 *     deadline; zero means never (a slow handler's message is then delivered again)
 * @param maxDeliveries deliveries before the message is dead-lettered
 * @param concurrency handlers running at once in this process
 * @param retryBackoff how long a failed message waits before it is delivered again
 * @param shutdownGrace how long {@link Subscription#close()} waits for handlers in flight
 */
public record SubscriptionSpec(
        String topic,
        String name,
        Duration ackDeadline,
        Duration maxLeaseExtension,
        int maxDeliveries,
        int concurrency,
        Duration retryBackoff,
        Duration shutdownGrace) {

    public static final int DEFAULT_MAX_DELIVERIES = 5;

    public SubscriptionSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(name, "name");
        if (maxDeliveries < 1 || concurrency < 1) {
            throw new IllegalArgumentException("maxDeliveries and concurrency must be at least 1");
        }
        if (ackDeadline.isNegative() || ackDeadline.isZero()) {
            throw new IllegalArgumentException("ackDeadline must be positive");
        }
    }

    /** Defaults: 30 s deadline, leases extended up to an hour, 5 deliveries, 4 at once, 1 s backoff. */
    public static SubscriptionSpec of(String topic, String name) {
        return new SubscriptionSpec(topic, name, Duration.ofSeconds(30), Duration.ofHours(1),
                DEFAULT_MAX_DELIVERIES, 4, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Defaults as {@link #of(String, String)}, on the topic of {@code type}. */
    public static SubscriptionSpec of(EventType<?> type, String name) {
        return of(type.topic(), name);
    }

    public SubscriptionSpec withAckDeadline(Duration value) {
        return new SubscriptionSpec(topic, name, value, maxLeaseExtension, maxDeliveries, concurrency, retryBackoff, shutdownGrace);
    }

    public SubscriptionSpec withMaxLeaseExtension(Duration value) {
        return new SubscriptionSpec(topic, name, ackDeadline, value, maxDeliveries, concurrency, retryBackoff, shutdownGrace);
    }

    public SubscriptionSpec withMaxDeliveries(int value) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, value, concurrency, retryBackoff, shutdownGrace);
    }

    public SubscriptionSpec withConcurrency(int value) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, maxDeliveries, value, retryBackoff, shutdownGrace);
    }

    public SubscriptionSpec withRetryBackoff(Duration value) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, maxDeliveries, concurrency, value, shutdownGrace);
    }

    public SubscriptionSpec withShutdownGrace(Duration value) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, maxDeliveries, concurrency, retryBackoff, value);
    }

    /** The subscription that keeps this one's dead letters. */
    public SubscriptionSpec deadLetters() {
        return SubscriptionSpec.of(DeadLetters.topicOf(topic), DeadLetters.subscriptionOf(name));
    }
}
