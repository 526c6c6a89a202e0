package dev.shutter.post.ratelimit;

import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import dev.shutter.redis.RedisScript;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sliding-window limits in Redis (a sorted set of the window's actions, checked and added
 * atomically), per user or per another subject (an account name, a client address). When Redis is
 * down the same windows are kept in this process ({@link LocalWindows}): limits hold per instance
 * through the outage instead of lapsing.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** Returns {allowed (1/0), milliseconds until a slot frees}. */
    private static final RedisScript SLIDING_WINDOW = new RedisScript("""
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) >= limit then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return {0, tonumber(oldest[2]) + window - now}
            end
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], window)
            return {1, 0}
            """);

    private final Redis redis;
    private final LocalWindows local = new LocalWindows();
    private final java.util.concurrent.atomic.AtomicLong lastWarning = new java.util.concurrent.atomic.AtomicLong();

    RateLimiter(Redis redis) {
        this.redis = redis;
    }

    /** The window of one limit of one user: {@code ratelimit:{limit}:{userId}} (one hash slot per user). */
    static String keyOf(String limitName, long userId) {
        return "ratelimit:" + limitName + ":{" + userId + "}";
    }

    /** Counts one action of the user; fails with 429 and the wait when the window's limit is used up. */
    public Uni<Void> acquire(RateLimit limit, long userId) {
        return count(limit, keyOf(limit.name(), userId));
    }

    /**
     * Counts one action of another subject (a client address, an account name); the subject is
     * hashed into the key, so no name or address is kept in Redis in the clear.
     */
    public Uni<Void> acquire(RateLimit limit, String subject) {
        return count(limit, "ratelimit:" + limit.name() + ":{" + digest(subject) + "}");
    }

    private Uni<Void> count(RateLimit limit, String key) {
        long now = System.currentTimeMillis();
        Request call = SLIDING_WINDOW.call(key, now, limit.window().toMillis(), limit.max(), UUID.randomUUID().toString());
        return SLIDING_WINDOW.send(redis, call)
                .map(answer -> answer.get(0).toInteger() == 1 ? 0L : answer.get(1).toLong())
                .onFailure().recoverWithItem(failure -> {
                    warn(limit, failure);
                    return local.acquire(key, limit, now);
                })
                .invoke(waitMillis -> {
                    if (waitMillis > 0) {
                        throw ProblemException.tooManyRequests("Limit of " + limit.max() + " " + limit.name() + " per "
                                + limit.window() + " reached.", Duration.ofMillis(waitMillis));
                    }
                })
                .replaceWithVoid();
    }

    private void warn(RateLimit limit, Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 10_000 && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Rate limit %s counted in this process, Redis failed: %s", limit.name(), failure.getMessage());
        }
    }

    private static String digest(String subject) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
