package dev.shutter.post.outbox;

import dev.shutter.events.Envelope;
import dev.shutter.events.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.shutter.post.reactive.IsolatedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    private final Vertx vertx;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean failing;
    private long timer;

    OutboxRelay(Mutiny.SessionFactory sessions, EventPublisher publisher, MeterRegistry registry, Vertx vertx,
            @ConfigProperty(name = "shutter.outbox.interval", defaultValue = "200ms") Duration interval) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.vertx = vertx;
        this.interval = interval;
        this.relayed = registry.counter("shutter.outbox.relayed");
        this.failures = registry.counter("shutter.outbox.publish_failures");
    }

    private record Row(long outboxId, String topic, Envelope envelope) {}

    void start(@Observes StartupEvent started) {
        // A Vert.x timer, not @Scheduled: the scheduler's one-second granularity would add up to a
        // second to every event's latency.
        timer = vertx.setPeriodic(interval.toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent stopping) {
        vertx.cancelTimer(timer);
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        // Each run in a fresh safe context, as Hibernate Reactive keeps its session there.
        IsolatedContext.run(vertx, this::relayBatch).subscribe().with(full -> {
            running.set(false);
            if (full) {
                tick(); // a backlog: go on at once
            }
        }, failure -> {
            running.set(false);
            LOG.warnf("Outbox relay run failed: %s", failure.getMessage());
        });
    }

    /** Publishes one batch; answers whether it was full (more may wait). */
    Uni<Boolean> relayBatch() {
        return sessions.withSession(session -> session.createNativeQuery("""
                                SELECT outbox_id, topic, event_id, event_type, event_key, occurred_at_ms, payload
                                FROM outbox ORDER BY outbox_id LIMIT :limit""", Object[].class)
                        .setParameter("limit", BATCH)
                        .getResultList())
                .map(rows -> rows.stream().map(OutboxRelay::row).toList())
                .chain(rows -> publishInOrder(rows)
                        .chain(this::delete)
                        .map(deleted -> rows.size() == BATCH && deleted == rows.size()));
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

    private Uni<Integer> delete(List<Long> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return sessions.withTransaction(session -> session.createNativeQuery("DELETE FROM outbox WHERE outbox_id IN (:ids)")
                        .setParameter("ids", published)
                        .executeUpdate())
                .invoke(() -> relayed.increment(published.size()))
                .replaceWith(published.size());
    }

    private static Row row(Object[] columns) {
        return new Row(((Number) columns[0]).longValue(), (String) columns[1], new Envelope((String) columns[2],
                (String) columns[3], Instant.ofEpochMilli(((Number) columns[5]).longValue()), (String) columns[4],
                (byte[]) columns[6]));
    }
}
