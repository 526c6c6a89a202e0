package dev.shutter.stack.gateway;

import dev.shutter.blobs.media.PublicAccounts;
import dev.shutter.contracts.redis.SharedRedisKeys;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;

/**
 * The public-accounts index as post-service keeps it in Redis ({@link SharedRedisKeys#publicAccount}):
 * {@code {version}:1} while public. The gateway's request threads are virtual, so waiting here is fine.
 */
final class RedisPublicAccounts implements PublicAccounts, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Redis redis;

    RedisPublicAccounts(String redisUri) {
        this.vertx = Vertx.vertx();
        this.redis = Redis.createClient(vertx, redisUri);
    }

    @Override
    public boolean isPublic(long userId) throws Unavailable {
        Response value;
        try {
            value = redis.send(Request.cmd(Command.GET).arg(SharedRedisKeys.publicAccount(userId))).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            throw new Unavailable("Redis did not answer: " + e.getMessage(), e);
        }
        return value != null && value.toString().endsWith(":1");
    }

    @Override
    public void close() {
        redis.close();
        vertx.closeAndAwait();
    }
}
