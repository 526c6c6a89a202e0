package dev.shutter.events.redis;

import dev.shutter.events.DeadLetterException;
import dev.shutter.events.DeadLetters;
import dev.shutter.events.Delivery;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One consumer of a subscription (a member of the stream's consumer group). New entries come
 * from XREADGROUP on a connection of its own (it blocks); a periodic tick renews the leases of
 * running handlers and takes over entries whose lease expired anywhere in the group, or moves
 * them to the dead-letter stream once they have been delivered {@code maxDeliveries} times.
 */
final class StreamConsumer implements Subscription {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);
    private static final int RECLAIM_BATCH = 100;

    private final Vertx vertx;
    private final Redis redis;
    private final SubscriptionSpec spec;
    private final MessageHandler handler;
    private final RedisStreamOptions options;
    private final EventMetrics metrics;
    private final StreamCommands commands;
    private final String deadLetterStream;
    private final String consumer = "c-" + UUID.randomUUID().toString().substring(0, 12);
    private final long deadlineMillis;
    private final long tickMillis;
    private final long readBlockMillis;
    private final Slots slots;
    private final AckBatcher acks;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Failed entries whose next delivery is further off than the ack deadline: ID → when it is due (nanoTime). */
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final AtomicBoolean reclaimDue = new AtomicBoolean(true);
    private volatile boolean closed;
    private volatile RedisConnection readConnection;
    private long tickTimer;

    /** One running delivery; identity tells a current delivery from one superseded by a redelivery. */
    private record InFlight(String id, int attempt, long startedNanos) {}

    StreamConsumer(Vertx vertx, Redis redis, SubscriptionSpec spec, MessageHandler handler,
            RedisStreamOptions options, EventMetrics metrics) {
        this.vertx = vertx;
        this.redis = redis;
        this.spec = spec;
        this.handler = handler;
        this.options = options;
        this.metrics = metrics;
        this.commands = new StreamCommands(StreamKeys.of(spec.topic()), spec.name());
        this.deadLetterStream = StreamKeys.of(DeadLetters.topicOf(spec.topic()));
        this.deadlineMillis = spec.ackDeadline().toMillis();
        // Often enough to renew leases well within the deadline, and to redeliver a failed entry
        // when its retry backoff is over rather than up to a tick later.
        this.tickMillis = Math.clamp(Math.min(deadlineMillis / 3, spec.retryBackoff().toMillis()), 50, 10_000);
        // A blocked read holds the slots; it returns within a tick so due entries wait no longer.
        this.readBlockMillis = Math.min(options.readBlock().toMillis(), tickMillis);
        this.slots = new Slots(spec.concurrency());
        this.acks = new AckBatcher(redis, vertx.getOrCreateContext(), StreamKeys.of(spec.topic()), spec.name());
    }

    /** Creates the consumer group if needed (blocking: call it at start-up, not on an event loop) and starts consuming. */
    void start() {
        createGroup().await().atMost(Duration.ofSeconds(30));
        tickTimer = vertx.setPeriodic(tickMillis, id -> tick());
        LOG.debugf("Consumer %s of %s/%s started", consumer, spec.topic(), spec.name());
        pump();
    }

    /**
     * One round of fetching, run by one caller at a time: reserve the free handler slots, first
     * take over entries whose lease expired (when a tick said some may be due), then read new
     * entries with the slots left.
     */
    private void pump() {
        if (closed || !fetching.compareAndSet(false, true)) {
            return;
        }
        int reserved = slots.reserve(spec.concurrency());
        if (reserved == 0) {
            fetching.set(false);
            // A slot freed between the reservation and the flag reset must not be missed.
            if (slots.free() > 0) {
                pump();
            }
            return;
        }
        Uni<Integer> reclaimed = reclaimDue.getAndSet(false) ? reclaimExpired(reserved) : Uni.createFrom().item(0);
        reclaimed
                .chain(used -> used == reserved ? Uni.createFrom().item(0) : readNew(reserved - used))
                .subscribe().with(x -> {
                    fetching.set(false);
                    pump();
                }, failure -> onFetchFailure(failure));
    }

    /** Reads and dispatches up to {@code count} new entries; their unused slots are released. */
    private Uni<Integer> readNew(int count) {
        return readConnection()
                .chain(c -> c.send(commands.readNew(consumer, count, readBlockMillis)))
                .onFailure().invoke(f -> slots.release(count))
                .map(answer -> {
                    List<StreamEntry> entries = commands.parseRead(answer);
                    slots.release(count - entries.size());
                    if (closed) {
                        release(entries.stream().map(StreamEntry::id).toList());
                        slots.release(entries.size());
                    } else {
                        entries.forEach(entry -> dispatch(entry, 1));
                    }
                    return entries.size();
                });
    }

    private Uni<RedisConnection> readConnection() {
        RedisConnection connection = readConnection;
        if (connection != null) {
            return Uni.createFrom().item(connection);
        }
        return redis.connect().invoke(c -> readConnection = c);
    }

    private Uni<Void> createGroup() {
        return redis.send(commands.createGroup())
                .onFailure(f -> String.valueOf(f.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .replaceWithVoid();
    }

    private void onFetchFailure(Throwable failure) {
        RedisConnection broken = readConnection;
        readConnection = null;
        if (broken != null) {
            broken.close().subscribe().with(x -> {}, x -> {});
        }
        fetching.set(false);
        if (!closed) {
            LOG.warnf("Fetching from %s/%s failed (%s); retrying in %s", spec.topic(), spec.name(),
                    failure.getMessage(), options.reconnectDelay());
            // A Redis that restarted without its data has lost the group too.
            boolean groupLost = String.valueOf(failure.getMessage()).contains("NOGROUP");
            vertx.setTimer(options.reconnectDelay().toMillis(), id -> (groupLost ? createGroup() : Uni.createFrom().voidItem())
                    .subscribe().with(x -> pump(), x -> pump()));
        }
    }

    private void dispatch(StreamEntry entry, int attempt) {
        if (entry.trimmed()) {
            dropTrimmed(entry.id());
            slots.release(1);
            return;
        }
        Delivery delivery = new Delivery(entry.id(), entry.attributes(), entry.body(), attempt);
        InFlight running = new InFlight(entry.id(), attempt, System.nanoTime());
        if (inFlight.put(entry.id(), running) != null) {
            // The earlier delivery overran its lease and is superseded; its slot passes on.
            slots.release(1);
        }
        Uni.createFrom().deferred(() -> handler.handle(delivery))
                .subscribe().with(ok -> settle(running, null), failure -> settle(running, failure));
    }

    /**
     * Records a handler's outcome in Redis. The delivery stays in flight (holding its slot, and
     * holding up a graceful close) until the acknowledgement, retry or dead-letter is sent.
     */
    private void settle(InFlight delivery, Throwable failure) {
        if (inFlight.get(delivery.id()) != delivery) {
            // Superseded by a redelivery after its lease expired; that one decides, but a success still counts.
            if (failure == null) {
                acknowledge(delivery).subscribe().with(x -> {}, x -> {});
            }
            return;
        }
        Uni<Void> outcome = failure == null ? acknowledge(delivery) : onHandlerFailure(delivery, failure);
        outcome.subscribe().with(x -> finish(delivery), x -> finish(delivery));
    }

    private void finish(InFlight delivery) {
        if (inFlight.remove(delivery.id(), delivery)) {
            slots.release(1);
            pump();
        }
    }

    private Uni<Void> acknowledge(InFlight delivery) {
        return acks.acknowledge(delivery.id())
                .invoke(() -> metrics.acked(spec))
                .onFailure().invoke(failure -> LOG.warnf("Could not acknowledge %s of %s/%s (%s); it will come again",
                        delivery.id(), spec.topic(), spec.name(), failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> onHandlerFailure(InFlight delivery, Throwable failure) {
        if (failure instanceof DeadLetterException || delivery.attempt() >= spec.maxDeliveries()) {
            return deadLetter(delivery.id(), DeadLetters.reason(failure), delivery.attempt(), 0);
        }
        LOG.debugf(failure, "Handler failed on %s of %s/%s (delivery %d); will retry",
                delivery.id(), spec.topic(), spec.name(), delivery.attempt());
        metrics.retried(spec);
        long delayMillis = spec.retryDelay(delivery.attempt()).toMillis();
        if (delayMillis >= deadlineMillis) {
            // Longer than an idle time can say: this consumer keeps the entry's lease until it is due
            // (if it dies first, the entry comes back after the deadline, a little early).
            waiting.put(delivery.id(), System.nanoTime() + delayMillis * 1_000_000);
            return send(commands.setIdle(consumer, List.of(delivery.id()), 0), "schedule retry of");
        }
        // Idle just short of the deadline: the entry is due again after the retry backoff.
        return send(commands.setIdle(consumer, List.of(delivery.id()), deadlineMillis - delayMillis), "schedule retry of");
    }

    private Uni<Void> deadLetter(String id, String reason, int attempts, long minIdleMillis) {
        Map<String, String> extra = Map.of(
                DeadLetters.REASON, reason,
                DeadLetters.SOURCE_TOPIC, spec.topic(),
                DeadLetters.SOURCE_SUBSCRIPTION, spec.name(),
                DeadLetters.DELIVERY_ATTEMPTS, Integer.toString(attempts));
        return redis.send(commands.deadLetter(deadLetterStream, id, minIdleMillis, extra))
                .invoke(moved -> {
                    if (moved != null && moved.toInteger() == 1) {
                        metrics.deadLettered(spec);
                        LOG.warnf("Dead-lettered %s of %s/%s after %d deliveries: %s", id, spec.topic(), spec.name(), attempts, reason);
                    }
                })
                .onFailure().invoke(f -> LOG.errorf("Could not dead-letter %s of %s/%s (%s); it stays pending and is tried again",
                        id, spec.topic(), spec.name(), f.getMessage()))
                .replaceWithVoid();
    }

    /** Renews leases now; expired entries are taken over by the next fetch round. */
    private void tick() {
        if (closed) {
            return;
        }
        renewLeases();
        reclaimDue.set(true);
        pump();
    }

    private void renewLeases() {
        long now = System.nanoTime();
        long maxExtension = spec.maxLeaseExtension().toNanos();
        List<String> renewable = new ArrayList<>(inFlight.values().stream()
                .filter(d -> now - d.startedNanos() < maxExtension)
                .map(InFlight::id)
                .toList());
        List<String> due = new ArrayList<>();
        waiting.forEach((id, dueNanos) -> (now - dueNanos >= 0 ? due : renewable).add(id));
        if (!renewable.isEmpty()) {
            send(commands.setIdle(consumer, renewable, 0), "renew leases of").subscribe().with(x -> {});
        }
        if (!due.isEmpty()) {
            due.forEach(waiting::remove);
            // Idle at the deadline: the fetch this tick starts takes them over as any expired entry.
            send(commands.setIdle(consumer, due, deadlineMillis), "release due retries of").subscribe().with(x -> {});
        }
    }

    /**
     * Dead-letters expired entries that used up their deliveries and claims others, up to
     * {@code slots} of them; returns how many slots the claimed entries took (unused ones stay
     * reserved for the caller).
     */
    private Uni<Integer> reclaimExpired(int reserved) {
        return redis.send(commands.expired(deadlineMillis, RECLAIM_BATCH))
                .map(StreamCommands::parsePending)
                .chain(rows -> {
                    AtomicInteger used = new AtomicInteger();
                    return Multi.createFrom().iterable(rows)
                            .onItem().transformToUniAndConcatenate(row -> reclaim(row, reserved, used))
                            .collect().last()
                            .map(x -> used.get());
                })
                .onFailure().invoke(() -> slots.release(reserved));
    }

    private Uni<Void> reclaim(PendingEntry expired, int reserved, AtomicInteger used) {
        if (expired.deliveries() >= spec.maxDeliveries()) {
            return deadLetter(expired.id(), "not acknowledged within " + spec.ackDeadline() + " on any of "
                    + expired.deliveries() + " deliveries", expired.deliveries(), deadlineMillis);
        }
        if (closed || used.get() == reserved) {
            return Uni.createFrom().voidItem();
        }
        return redis.send(commands.claim(consumer, deadlineMillis, expired.id()))
                .invoke(answer -> {
                    List<StreamEntry> claimed = StreamEntry.parseAll(answer);
                    if (claimed.isEmpty()) {
                        dropIfTrimmed(expired.id());
                        return;
                    }
                    used.incrementAndGet();
                    metrics.retried(spec);
                    dispatch(claimed.getFirst(), expired.deliveries() + 1);
                })
                .replaceWithVoid();
    }

    /** An entry that could not be claimed was either taken by another consumer or trimmed from the stream. */
    private void dropIfTrimmed(String id) {
        Request range = Request.cmd(Command.XRANGE).arg(StreamKeys.of(spec.topic())).arg(id).arg(id);
        redis.send(range).subscribe().with(answer -> {
            if (answer == null || answer.size() == 0) {
                dropTrimmed(id);
            }
        }, f -> {});
    }

    private void dropTrimmed(String id) {
        LOG.errorf("Entry %s of %s/%s was trimmed from the stream before it was handled (stream over its max length)",
                id, spec.topic(), spec.name());
        send(commands.ack(id), "drop trimmed").subscribe().with(x -> {});
    }

    private void release(List<String> ids) {
        if (!ids.isEmpty()) {
            // Idle at the deadline: due for redelivery to any consumer right away.
            redis.send(commands.setIdle(consumer, ids, deadlineMillis)).await().atMost(Duration.ofSeconds(5));
        }
    }

    /**
     * Sends a command whose failure is logged, not raised: the entry it concerns stays pending
     * and comes back after the ack deadline, so nothing is lost.
     */
    private Uni<Void> send(Request request, String what) {
        return redis.send(request)
                .onFailure().invoke(failure -> LOG.warnf("Could not %s an entry of %s/%s: %s",
                        what, spec.topic(), spec.name(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(tickTimer);
        long deadline = System.nanoTime() + spec.shutdownGrace().toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        List<String> unfinished = new ArrayList<>(inFlight.keySet());
        inFlight.clear();
        // Waiting retries are left pending: they come back after the ack deadline, to whichever consumer.
        waiting.clear();
        try {
            release(unfinished);
            if (!unfinished.isEmpty()) {
                LOG.infof("Released %d unfinished entries of %s/%s for redelivery", unfinished.size(), spec.topic(), spec.name());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not release %d entries of %s/%s; they return after the ack deadline", unfinished.size(),
                    spec.topic(), spec.name());
        }
        RedisConnection connection = readConnection;
        if (connection != null) {
            connection.close().subscribe().with(x -> {}, x -> {});
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
