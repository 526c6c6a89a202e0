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
 * @param retryBackoff how long a failed message waits before its second delivery; each later
 *     retry waits {@value #BACKOFF_MULTIPLIER} times longer, up to {@code maxRetryBackoff}, so a
 *     dependency down for a minute costs retries, not a dead letter
 * @param maxRetryBackoff the longest wait between two deliveries
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
        Duration maxRetryBackoff,
        Duration shutdownGrace) {

    public static final int DEFAULT_MAX_DELIVERIES = 5;
    /** Each retry waits this many times longer than the one before. */
    public static final int BACKOFF_MULTIPLIER = 4;
    /** Defaults: deliveries at 0, +2 s, +8 s, +32 s, +128 s; dead-lettered after about three minutes of failures. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofMinutes(10);

    public SubscriptionSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(name, "name");
        if (maxDeliveries < 1 || concurrency < 1) {
            throw new IllegalArgumentException("maxDeliveries and concurrency must be at least 1");
        }
        if (ackDeadline.isNegative() || ackDeadline.isZero()) {
            throw new IllegalArgumentException("ackDeadline must be positive");
        }
        if (retryBackoff.isNegative() || maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("retryBackoff must be at least zero and at most maxRetryBackoff");
        }
    }

    /** How long a message waits after its {@code failedDelivery}-th delivery failed (1 for the first). */
    public Duration retryDelay(int failedDelivery) {
        Duration delay = retryBackoff;
        for (int i = 1; i < failedDelivery && delay.compareTo(maxRetryBackoff) < 0; i++) {
            delay = delay.multipliedBy(BACKOFF_MULTIPLIER);
        }
        return delay.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : delay;
    }

    /** Defaults: 30 s deadline, leases extended up to an hour, 5 deliveries, 4 at once, backoff from 2 s to 10 min. */
    public static SubscriptionSpec of(String topic, String name) {
        return new SubscriptionSpec(topic, name, Duration.ofSeconds(30), Duration.ofHours(1),
                DEFAULT_MAX_DELIVERIES, 4, DEFAULT_RETRY_BACKOFF, DEFAULT_MAX_RETRY_BACKOFF, Duration.ofSeconds(10));
    }

    /** Defaults as {@link #of(String, String)}, on the topic of {@code type}. */
    public static SubscriptionSpec of(EventType<?> type, String name) {
        return of(type.topic(), name);
    }

    public SubscriptionSpec withAckDeadline(Duration value) {
        return new SubscriptionSpec(topic, name, value, maxLeaseExtension, maxDeliveries, concurrency, retryBackoff, maxRetryBackoff, shutdownGrace);
    }

    public SubscriptionSpec withMaxLeaseExtension(Duration value) {
        return new SubscriptionSpec(topic, name, ackDeadline, value, maxDeliveries, concurrency, retryBackoff, maxRetryBackoff, shutdownGrace);
    }

    public SubscriptionSpec withMaxDeliveries(int value) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, value, concurrency, retryBackoff, maxRetryBackoff, shutdownGrace);
    }

    public SubscriptionSpec withConcurrency(int value) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, maxDeliveries, value, retryBackoff, maxRetryBackoff, shutdownGrace);
    }

    /** The same wait before every retry. */
    public SubscriptionSpec withRetryBackoff(Duration value) {
        return withRetryBackoff(value, value);
    }

    /** The first retry's wait and the longest. */
    public SubscriptionSpec withRetryBackoff(Duration first, Duration longest) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, maxDeliveries, concurrency, first, longest, shutdownGrace);
    }

    public SubscriptionSpec withShutdownGrace(Duration value) {
        return new SubscriptionSpec(topic, name, ackDeadline, maxLeaseExtension, maxDeliveries, concurrency, retryBackoff, maxRetryBackoff, value);
    }

    /** The subscription that keeps this one's dead letters. */
    public SubscriptionSpec deadLetters() {
        return SubscriptionSpec.of(DeadLetters.topicOf(topic), DeadLetters.subscriptionOf(name));
    }
}
