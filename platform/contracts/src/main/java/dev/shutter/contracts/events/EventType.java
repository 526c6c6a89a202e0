package dev.shutter.contracts.events;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.Objects;

/**
 * One kind of event: its name on the wire (the envelope's {@code type}, and the topic it is
 * published to) and the protobuf message its payload is. Publisher and consumer both name the
 * same constant of {@link EventTypes}, so the two can never spell it differently.
 *
 * @param name e.g. {@code post.published}
 * @param payloadType the payload's generated message class
 * @param parser reads the payload from the envelope's body
 */
public record EventType<T extends MessageLite>(String name, Class<T> payloadType, Parser<T> parser) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(parser, "parser");
    }

    /** The topic events of this type are published to: every type has a topic of its own name. */
    public String topic() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
