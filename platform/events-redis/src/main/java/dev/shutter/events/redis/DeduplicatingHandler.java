package dev.shutter.events.redis;

import dev.shutter.events.DeadLetterException;
import dev.shutter.events.Delivery;
import dev.shutter.events.Envelope;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.redis.RedisFailures;
import dev.shutter.redis.RedisScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Hands each event to the subscription's handler once, by its {@code eventId}, whatever the
 * broker redelivers or the outbox publishes twice: a delivery first claims the event in Redis
 * (for the ack deadline, so a crashed handler's claim runs out before its redelivery comes), the
 * handler runs, and the event is marked done for {@code window}. A later delivery of a done event
 * is acknowledged without running the handler; one of an event being handled elsewhere fails, to
 * be retried after the backoff. A handler that fails gives its claim back.
 *
 * <p>When Redis cannot be reached the handler runs anyway (handlers are idempotent by design;
 * this only stops duplicates from doing the same work twice), rather than stopping every
 * subscription, even those that write only to PostgreSQL.
 */
public final class DeduplicatingHandler implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(DeduplicatingHandler.class);
    static final String DONE = "done";

    /** KEYS[1] the event's key; ARGV[1] this delivery's claim, ARGV[2] its lifetime (ms). */
    private static final RedisScript CLAIM = new RedisScript("""
            local held = redis.call('GET', KEYS[1])
            if not held then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 'claimed'
            end
            if held == 'done' then return 'done' end
            return 'running'
            """);

    /** KEYS[1] the event's key; ARGV[1] the claim to give back: only if it is still that one. */
    private static final RedisScript GIVE_BACK = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final Redis redis;
    private final SubscriptionSpec spec;
    private final MessageHandler handler;
    private final long windowMillis;
    private final long claimMillis;
    private final EventMetrics metrics;
    private volatile long lastWarningNanos;

    public DeduplicatingHandler(Redis redis, SubscriptionSpec spec, MessageHandler handler, Duration window, EventMetrics metrics) {
        this.redis = redis;
        this.spec = spec;
        this.handler = handler;
        this.windowMillis = window.toMillis();
        this.claimMillis = spec.ackDeadline().toMillis();
        this.metrics = metrics;
    }

    /** Where an event's state is kept: per subscription, since each handles every event once. */
    static String key(String subscription, String eventId) {
        return "events:seen:" + subscription + ":" + eventId;
    }

    @Override
    public Uni<Void> handle(Delivery delivery) {
        Envelope envelope;
        try {
            envelope = delivery.envelope();
        } catch (DeadLetterException notAnEvent) {
            return handler.handle(delivery); // no event ID to go by: the handler dead-letters it
        }
        String key = key(spec.name(), envelope.eventId());
        String claim = UUID.randomUUID().toString();
        return CLAIM.send(redis, CLAIM.call(key, claim, Long.toString(claimMillis)))
                .map(answer -> answer.toString())
                .onFailure(RedisFailures::isUnavailable).recoverWithItem(failure -> {
                    warnUnavailable(failure);
                    return "unchecked";
                })
                .chain(state -> switch (state) {
                    case "claimed" -> handler.handle(delivery)
                            .onFailure().call(failure -> giveBack(key, claim))
                            .call(() -> markDone(key));
                    case DONE -> {
                        metrics.duplicate(spec);
                        LOG.debugf("Event %s (%s) already handled by %s: acknowledged again", envelope.eventId(), envelope.type(),
                                spec.name());
                        yield Uni.createFrom().voidItem();
                    }
                    case "running" -> Uni.createFrom().failure(new IllegalStateException(
                            "event " + envelope.eventId() + " is being handled by another delivery of " + spec.name()));
                    default -> handler.handle(delivery);
                });
    }

    private Uni<Void> markDone(String key) {
        return redis.send(Request.cmd(Command.SET).arg(key).arg(DONE).arg("PX").arg(windowMillis))
                .onFailure().invoke(failure -> LOG.warnf("Could not mark %s handled (%s); a redelivery would be handled again", key,
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> giveBack(String key, String claim) {
        return GIVE_BACK.send(redis, GIVE_BACK.call(key, claim))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void warnUnavailable(Throwable failure) {
        long now = System.nanoTime();
        if (now - lastWarningNanos > Duration.ofSeconds(10).toNanos()) {
            lastWarningNanos = now;
            LOG.warnf("Redis unavailable for event de-duplication of %s (%s): handling without the check", spec.name(),
                    failure.getMessage());
        }
    }
}
