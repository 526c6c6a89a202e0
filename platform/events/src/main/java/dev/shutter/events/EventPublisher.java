package dev.shutter.events;

import com.google.protobuf.MessageLite;
import dev.shutter.contracts.events.EventType;
import io.smallrye.mutiny.Uni;

/** Publishes events to a topic. The returned Uni completes once the broker has the event. */
public interface EventPublisher {

    Uni<Void> publish(String topic, Envelope envelope);

    /** A new event of {@code type} (with a random ID, happening now), on the type's own topic. */
    default <T extends MessageLite> Uni<Void> publish(EventType<T> type, String key, T payload) {
        return publish(type.topic(), Envelope.of(type, key, payload));
    }
}
