package dev.shutter.post.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Outbox events that failed every attempt, kept in {@code outbox_dead} until their cause is fixed
 * and they are replayed: back into the outbox as new, in their original order, published again
 * with their original event IDs (a consumer that had them changes nothing). Their number is the
 * {@code shutter.outbox.dead_letters} gauge.
 */
@ApplicationScoped
public class OutboxDeadLetters {

    private static final Logger LOG = Logger.getLogger(OutboxDeadLetters.class);

    private final Mutiny.SessionFactory sessions;
    private final AtomicLong depth = new AtomicLong();

    OutboxDeadLetters(Mutiny.SessionFactory sessions, MeterRegistry registry) {
        this.sessions = sessions;
        Gauge.builder("shutter.outbox.dead_letters", depth, AtomicLong::get)
                .description("outbox events dead-lettered and not replayed yet")
                .register(registry);
    }

    /** Moves the event out of the outbox; its key's later events go on. */
    Uni<Void> bury(long outboxId, int attempts, String reason) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                WITH gone AS (DELETE FROM outbox WHERE outbox_id = :id
                                              RETURNING outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part)
                                INSERT INTO outbox_dead (outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part,
                                                         attempts, last_error, dead_at)
                                SELECT outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part, :attempts, :reason, now()
                                FROM gone""")
                        .setParameter("id", outboxId)
                        .setParameter("attempts", attempts)
                        .setParameter("reason", reason)
                        .executeUpdate())
                .invoke(moved -> {
                    if (moved > 0) {
                        depth.incrementAndGet();
                        LOG.errorf("Outbox event %d dead-lettered after %d attempts: %s (replay: ./shutter replay-dead-letters outbox)",
                                outboxId, attempts, reason);
                    }
                })
                .replaceWithVoid();
    }

    /** Puts every dead-lettered event back into the outbox, due at once; answers how many. */
    public Uni<Integer> replay() {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                WITH back AS (DELETE FROM outbox_dead
                                              RETURNING outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part)
                                INSERT INTO outbox (outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part)
                                SELECT outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload, part FROM back""")
                        .executeUpdate())
                .invoke(count -> {
                    depth.set(0);
                    LOG.infof("Replayed %d dead-lettered outbox events", count);
                });
    }

    /** How many are dead-lettered now. */
    public Uni<Long> count() {
        return sessions.withSession(session -> session.createNativeQuery("SELECT count(*) FROM outbox_dead", Long.class)
                .getSingleResult());
    }

    Uni<Void> refreshDepth() {
        return count().invoke(depth::set).onFailure().recoverWithNull().replaceWithVoid();
    }
}
