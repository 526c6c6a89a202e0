package dev.shutter.events;

import io.smallrye.mutiny.Uni;

/** Publishes events to a topic. The returned Uni completes once the broker has the event. */
public interface EventPublisher {

    Uni<Void> publish(String topic, Envelope envelope);
}
