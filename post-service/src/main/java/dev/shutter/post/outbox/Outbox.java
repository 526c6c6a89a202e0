package dev.shutter.post.outbox;

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

    private final IdGenerator ids;

    Outbox(IdGenerator ids) {
        this.ids = ids;
    }

    public Uni<Void> add(Mutiny.Session session, String topic, Envelope event) {
        return session.createNativeQuery("""
                        INSERT INTO outbox (outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload)
                        VALUES (:id, :topic, :eventId, :type, :key, :at, :payload)""")
                .setParameter("id", ids.next(0))
                .setParameter("topic", topic)
                .setParameter("eventId", event.eventId())
                .setParameter("type", event.type())
                .setParameter("key", event.key())
                .setParameter("at", event.occurredAt().toEpochMilli())
                .setParameter("payload", event.payload())
                .executeUpdate()
                .replaceWithVoid();
    }
}
