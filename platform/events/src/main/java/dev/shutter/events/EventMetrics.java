package dev.shutter.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The counters every adapter keeps, so that dead letters and redeliveries are visible in metrics
 * whichever broker runs underneath. Registered in Micrometer's global registry, which Quarkus
 * exports at {@code /q/metrics}.
 */
public final class EventMetrics {

    private final MeterRegistry registry;

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static EventMetrics global() {
        return new EventMetrics(Metrics.globalRegistry);
    }

    public void published(String topic) {
        counter("shutter.events.published", topic, "").increment();
    }

    public void acked(SubscriptionSpec spec) {
        counter("shutter.events.acked", spec.topic(), spec.name()).increment();
    }

    /** A handler failed, or a lease expired, and the message will come again. */
    public void retried(SubscriptionSpec spec) {
        counter("shutter.events.retried", spec.topic(), spec.name()).increment();
    }

    /** A delivery of an event this subscription had already handled: acknowledged, not handled again. */
    public void duplicate(SubscriptionSpec spec) {
        counter("shutter.events.duplicates", spec.topic(), spec.name()).increment();
    }

    public void deadLettered(SubscriptionSpec spec) {
        counter("shutter.events.dead_lettered", spec.topic(), spec.name()).increment();
    }

    private Counter counter(String name, String topic, String subscription) {
        return Counter.builder(name).tag("topic", topic).tag("subscription", subscription).register(registry);
    }
}
