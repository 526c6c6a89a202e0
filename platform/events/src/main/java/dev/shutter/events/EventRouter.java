package dev.shutter.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.shutter.contracts.events.EventType;
import com.google.protobuf.Parser;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes a subscription's messages to typed handlers by the envelope's type. A message of a type
 * with no handler, or whose payload does not parse, is dead-lettered with the reason at once:
 * retrying could never help, and it must not block the messages behind it.
 */
public final class EventRouter implements MessageHandler {

    private final Map<String, Route<?>> routes;

    private EventRouter(Map<String, Route<?>> routes) {
        this.routes = Map.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Uni<Void> handle(Delivery delivery) {
        return Uni.createFrom().deferred(() -> {
            Envelope envelope = delivery.envelope();
            Route<?> route = routes.get(envelope.type());
            if (route == null) {
                throw new DeadLetterException("unknown event type: " + envelope.type());
            }
            return route.dispatch(envelope, delivery.deliveryAttempt());
        });
    }

    private record Route<T>(Parser<T> parser, EventHandler<T> handler) {

        Uni<Void> dispatch(Envelope envelope, int attempt) {
            T payload;
            try {
                payload = parser.parseFrom(envelope.payload());
            } catch (InvalidProtocolBufferException e) {
                throw new DeadLetterException("payload of " + envelope.type() + " does not parse: " + e.getMessage(), e);
            }
            return handler.handle(new Event<>(envelope.eventId(), envelope.type(), envelope.occurredAt(),
                    envelope.key(), payload, attempt));
        }
    }

    public static final class Builder {

        private final Map<String, Route<?>> routes = new HashMap<>();

        /** Routes events of {@code type} to {@code handler}, parsing payloads as the type's message. */
        public <T extends MessageLite> Builder on(EventType<T> type, EventHandler<T> handler) {
            return on(type.name(), type.parser(), handler);
        }

        /** Routes events named {@code type} to {@code handler}, parsing payloads with {@code parser}. */
        public <T> Builder on(String type, Parser<T> parser, EventHandler<T> handler) {
            if (routes.putIfAbsent(type, new Route<>(parser, handler)) != null) {
                throw new IllegalStateException("two handlers for event type " + type);
            }
            return this;
        }

        public EventRouter build() {
            return new EventRouter(routes);
        }
    }
}
