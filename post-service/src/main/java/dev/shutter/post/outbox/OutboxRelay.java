package dev.shutter.post.outbox;

import dev.shutter.events.Envelope;
import dev.shutter.events.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in order and deletes each batch's published rows. A publish failure
 * stops the batch; the rest stay and are tried on the next run, so an event is never lost, and
 * a crash between publish and delete only publishes it again (consumers are idempotent).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final Mutiny.SessionFactory sessions;
    private final EventPublisher publisher;
    private final Counter relayed;
    private final Counter failures;
    private volatile boolean failing;

    OutboxRelay(Mutiny.SessionFactory sessions, EventPublisher publisher, MeterRegistry registry) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.relayed = registry.counter("shutter.outbox.relayed");
        this.failures = registry.counter("shutter.outbox.publish_failures");
    }

    private record Row(long outboxId, String topic, Envelope envelope) {}

    @Scheduled(every = "${shutter.outbox.interval:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        // A publisher may complete on a context of its own (the Redis adapter completes on the
        // context it was created on, a root context when the bus was first used from a startup
        // thread); Hibernate Reactive needs the run's own duplicated context back for the delete.
        Context context = Vertx.currentContext();
        return sessions.withSession(session -> session.createNativeQuery("""
                                SELECT outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload
                                FROM outbox ORDER BY outbox_id LIMIT :limit""", Object[].class)
                        .setParameter("limit", BATCH)
                        .getResultList())
                .map(rows -> rows.stream().map(OutboxRelay::row).toList())
                .chain(this::publishInOrder)
                .emitOn(command -> {
                    if (context == null) {
                        command.run();
                    } else {
                        context.runOnContext(ignored -> command.run());
                    }
                })
                .chain(this::delete);
    }

    private Uni<List<Long>> publishInOrder(List<Row> rows) {
        List<Long> published = new ArrayList<>();
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> publisher.publish(row.topic(), row.envelope())
                        .invoke(() -> published.add(row.outboxId())))
                .collect().last()
                .map(x -> {
                    recovered();
                    return published;
                })
                .onFailure().recoverWithItem(failure -> {
                    failures.increment();
                    if (!failing) {
                        failing = true;
                        LOG.warnf("Publishing outbox events failed (%s); %d unpublished events wait for the next try",
                                failure.getMessage(), rows.size() - published.size());
                    }
                    return published;
                });
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("Publishing outbox events works again");
        }
    }

    private Uni<Void> delete(List<Long> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.withTransaction(session -> session.createNativeQuery("DELETE FROM outbox WHERE outbox_id IN (:ids)")
                        .setParameter("ids", published)
                        .executeUpdate())
                .invoke(() -> relayed.increment(published.size()))
                .replaceWithVoid();
    }

    private static Row row(Object[] columns) {
        return new Row(((Number) columns[0]).longValue(), (String) columns[1], new Envelope((String) columns[2],
                (String) columns[3], Instant.ofEpochMilli(((Number) columns[5]).longValue()), (String) columns[4],
                (byte[]) columns[6]));
    }
}
