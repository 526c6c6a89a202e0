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
 * Per-user sliding-window limits in Redis (a sorted set of the window's actions, checked and
 * added atomically). When Redis is down the limit is not enforced: refusing every post because a
 * rate counter is unreachable would be worse than a burst.
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

    RateLimiter(Redis redis) {
        this.redis = redis;
    }

    /** The window of one limit of one user: {@code ratelimit:{limit}:{userId}} (one hash slot per user). */
    static String keyOf(String limitName, long userId) {
        return "ratelimit:" + limitName + ":{" + userId + "}";
    }

    /** Counts one action; fails with 429 and the wait when the user already used the window's limit. */
    public Uni<Void> acquire(RateLimit limit, long userId) {
        Request call = SLIDING_WINDOW.call(keyOf(limit.name(), userId),
                System.currentTimeMillis(), limit.window().toMillis(), limit.max(), UUID.randomUUID().toString());
        return SLIDING_WINDOW.send(redis, call)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Rate limit %s not checked, Redis failed: %s", limit.name(), failure.getMessage());
                    return null;
                })
                .invoke(answer -> {
                    if (answer != null && answer.get(0).toInteger() == 0) {
                        throw ProblemException.tooManyRequests("Limit of " + limit.max() + " " + limit.name() + " per "
                                + limit.window() + " reached.", Duration.ofMillis(answer.get(1).toLong()));
                    }
                })
                .replaceWithVoid();
    }
}
