package dev.shutter.post.outbox;

import dev.shutter.events.DeadLetters;
import dev.shutter.events.Envelope;
import dev.shutter.events.EventPublisher;
import dev.shutter.post.reactive.IsolatedContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox parts this instance leases ({@link OutboxLeases}), each part's events in
 * commit order, the parts side by side, and deletes each batch's published rows. A crash between
 * publish and delete only publishes an event again (consumers de-duplicate by event ID).
 *
 * <p>An event whose publish fails is set aside: retried after a backoff that doubles, while
 * the later events of its key wait behind it (order per key holds) and other keys go on; after
 * {@link OutboxConfig#maxAttempts()} it is dead-lettered into {@code outbox_dead}
 * ({@link OutboxDeadLetters}) and its key moves on.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final int BATCH = 200;

    /**
     * Due events of one part, in commit order: only rows whose transaction and every one started
     * before it have ended (so none can still commit before them), none of a key with an event
     * set aside.
     */
    private static final String DUE = """
            SELECT o.outbox_id, o.topic, o.event_id, o.event_type, o.event_key, o.occurred_at_ms, o.payload, o.attempts
            FROM outbox o
            WHERE o.part = :part AND o.tx < pg_snapshot_xmin(pg_current_snapshot())
              AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
              AND (o.event_key = '' OR NOT EXISTS (SELECT 1 FROM outbox w WHERE w.part = o.part AND w.event_key = o.event_key
                                                   AND w.next_attempt_at > now()))
            ORDER BY o.tx, o.outbox_id
            LIMIT :limit""";

    private final Mutiny.SessionFactory sessions;
    private final EventPublisher publisher;
    private final OutboxLeases leases;
    private final OutboxDeadLetters deadLetters;
    private final OutboxConfig config;
    private final Counter relayed;
    private final Counter failures;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean failing;
    private volatile long nextRenewalNanos;
    private long timer;

    OutboxRelay(Mutiny.SessionFactory sessions, EventPublisher publisher, OutboxLeases leases, OutboxDeadLetters deadLetters,
            OutboxConfig config, MeterRegistry registry, Vertx vertx) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.leases = leases;
        this.deadLetters = deadLetters;
        this.config = config;
        this.vertx = vertx;
        this.relayed = registry.counter("shutter.outbox.relayed");
        this.failures = registry.counter("shutter.outbox.publish_failures");
    }

    record Row(long outboxId, String topic, Envelope envelope, int attempts) {}

    void start(@Observes StartupEvent started) {
        // A Vert.x timer, not @Scheduled: the scheduler's one-second granularity would add up to a
        // second to every event's latency.
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent stopping) {
        vertx.cancelTimer(timer);
        try {
            IsolatedContext.run(vertx, leases::release).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("Could not hand back the outbox leases (%s); they run out after %s", e.getMessage(), config.lease());
        }
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        // Each run in a fresh safe context, as Hibernate Reactive keeps its session there.
        IsolatedContext.run(vertx, this::relayOnce).subscribe().with(full -> {
            running.set(false);
            if (full) {
                tick(); // a backlog: go on at once
            }
        }, failure -> {
            running.set(false);
            LOG.warnf("Outbox relay run failed: %s", failure.getMessage());
        });
    }

    /** Renews the leases when due, then one batch of every owned part at once; answers whether any was full. */
    Uni<Boolean> relayOnce() {
        Uni<List<Integer>> parts = System.nanoTime() - nextRenewalNanos >= 0
                ? leases.renew()
                        .invoke(() -> nextRenewalNanos = System.nanoTime() + config.lease().toNanos() / 3)
                        .chain(owned -> deadLetters.refreshDepth().replaceWith(owned))
                : Uni.createFrom().item(leases.parts());
        return parts.chain(owned -> owned.isEmpty() ? Uni.createFrom().item(false)
                : Multi.createFrom().iterable(owned)
                        .onItem().transformToUniAndMerge(part -> IsolatedContext.run(vertx, () -> relayPart(part)))
                        .collect().asList()
                        .map(full -> full.contains(true)));
    }

    /** Publishes one batch of the part in order; answers whether it was full (more may wait). */
    Uni<Boolean> relayPart(int part) {
        return sessions.withSession(session -> session.createNativeQuery(DUE, Object[].class)
                        .setParameter("part", (short) part)
                        .setParameter("limit", BATCH)
                        .getResultList())
                .map(rows -> rows.stream().map(OutboxRelay::row).toList())
                .chain(rows -> publishInOrder(rows)
                        .chain(published -> delete(published).map(deleted -> rows.size() == BATCH && deleted == rows.size())));
    }

    /**
     * Publishes rows one after the other until one fails; that one is set aside and the part's
     * batch ends there (when the broker is down, the next ones would fail too). Answers the IDs published.
     */
    private Uni<List<Long>> publishInOrder(List<Row> rows) {
        List<Long> published = new ArrayList<>();
        if (rows.isEmpty()) {
            return Uni.createFrom().item(published);
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> publisher.publish(row.topic(), row.envelope())
                        .invoke(() -> published.add(row.outboxId()))
                        .onFailure().transform(failure -> new PublishFailed(row, failure)))
                .collect().last()
                .map(x -> {
                    recovered();
                    return published;
                })
                .onFailure(PublishFailed.class).recoverWithUni(failure -> setAside((PublishFailed) failure).replaceWith(published));
    }

    private static final class PublishFailed extends RuntimeException {
        final Row row;

        PublishFailed(Row row, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.row = row;
        }
    }

    private Uni<Void> setAside(PublishFailed failed) {
        failures.increment();
        Row row = failed.row;
        String reason = DeadLetters.reason(failed.getCause());
        int attempts = row.attempts() + 1;
        if (!failing) {
            failing = true;
            LOG.warnf("Publishing outbox event %s (%s) failed (%s); its key's events wait, the rest go on", row.envelope().eventId(),
                    row.envelope().type(), reason);
        }
        if (attempts >= config.maxAttempts()) {
            return deadLetters.bury(row.outboxId(), attempts, reason);
        }
        Duration wait = retryDelay(attempts);
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                UPDATE outbox SET attempts = :attempts, next_attempt_at = :due, last_error = :reason
                                WHERE outbox_id = :id""")
                        .setParameter("attempts", attempts)
                        .setParameter("due", Instant.now().plus(wait))
                        .setParameter("reason", reason)
                        .setParameter("id", row.outboxId())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The wait after the {@code attempts}-th failed attempt: doubling from the first, capped. */
    Duration retryDelay(int attempts) {
        Duration wait = config.retryBackoff();
        for (int i = 1; i < attempts && wait.compareTo(config.maxRetryBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : wait;
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
                (byte[]) columns[6]), ((Number) columns[7]).intValue());
    }
}
