package dev.shutter.post.outbox;

import com.google.protobuf.MessageLite;
import dev.shutter.contracts.events.EventType;
import dev.shutter.events.Envelope;
import dev.shutter.ids.IdGenerator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes an event in the same transaction as the change it announces, so the two commit or fail
 * together; {@link OutboxRelay} publishes it afterwards, at least once.
 */
@ApplicationScoped
public class Outbox {

    /** Parts of the outbox, as many as {@code outbox_leases} has rows: each relayed by one relay at a time. */
    static final int PARTS = 16;

    private final IdGenerator ids;

    Outbox(IdGenerator ids) {
        this.ids = ids;
    }

    /** A new event of {@code type} happening now, for the type's topic. */
    public <T extends MessageLite> Uni<Void> add(Mutiny.Session session, EventType<T> type, String key, T payload) {
        return add(session, type.topic(), Envelope.of(type, key, payload));
    }

    /** A new event of {@code type} that happened at {@code at}, for the type's topic. */
    public <T extends MessageLite> Uni<Void> add(Mutiny.Session session, EventType<T> type, String key, T payload,
            java.time.Instant at) {
        return add(session, type.topic(), Envelope.of(type, key, payload, at));
    }

    /** The part of a key: every event of one key in one part, so their order holds (String.hashCode is fixed by the JLS). */
    static short part(String key) {
        return (short) Math.floorMod(key.hashCode(), PARTS);
    }

    Uni<Void> add(Mutiny.Session session, String topic, Envelope event) {
        return session.createNativeQuery("""
                        INSERT INTO outbox (outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part)
                        VALUES (:id, :topic, :eventId, :type, :key, :at, :payload, :part)""")
                .setParameter("id", ids.next(0))
                .setParameter("topic", topic)
                .setParameter("eventId", event.eventId())
                .setParameter("type", event.type())
                .setParameter("key", event.key())
                .setParameter("at", event.occurredAt().toEpochMilli())
                .setParameter("payload", event.payload())
                .setParameter("part", part(event.key()))
                .executeUpdate()
                .replaceWithVoid();
    }
}
