package dev.shutter.post.ratelimit;

import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

/** Erasure of an account's rate-limit windows in Redis (they would expire on their own, but hold its ID until then). */
@ApplicationScoped
public class RateLimitErasure implements ErasureStep {

    private final Redis redis;
    private final RateLimits limits;

    RateLimitErasure(Redis redis, RateLimits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    @Override
    public String store() {
        return "rate-limits";
    }

    @Override
    public Uni<Long> erase(long userId) {
        Request del = Request.cmd(Command.DEL);
        limits.all().forEach(limit -> del.arg(RateLimiter.keyOf(limit.name(), userId)));
        return redis.send(del).map(removed -> removed.toLong());
    }
}
