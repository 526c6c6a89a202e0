package dev.shutter.rest.auth;

import dev.shutter.contracts.redis.SharedRedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;

/**
 * Sessions whose access tokens must stop working before they expire: post-service marks them
 * ({@link #revoke}), every service's {@link RevokedSessionFilter} refuses their tokens. A mark
 * lives as long as an access token can, so the set stays small.
 */
@ApplicationScoped
public class SessionRevocations {

    private final Redis redis;

    SessionRevocations(Redis redis) {
        this.redis = redis;
    }

    /** Marks the sessions revoked for {@code accessTokenTtl} (the longest an access token of them can live). */
    public Uni<Void> revoke(Collection<Long> sessionIds, Duration accessTokenTtl) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.batch(sessionIds.stream()
                        .map(id -> Request.cmd(Command.SET).arg(SharedRedisKeys.revokedSession(id)).arg("1")
                                .arg("PX").arg(Math.max(1, accessTokenTtl.toMillis())))
                        .toList())
                .replaceWithVoid();
    }

    public Uni<Boolean> isRevoked(long sessionId) {
        return redis.send(Request.cmd(Command.EXISTS).arg(SharedRedisKeys.revokedSession(sessionId)))
                .map(answer -> answer != null && answer.toInteger() == 1);
    }
}
