package dev.shutter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.testsupport.FreePort;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.impl.types.ErrorType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisFailuresTest {

    @Test
    void aRefusedConnectionIsRedisUnavailable() {
        Vertx vertx = Vertx.vertx();
        try {
            Redis nowhere = Redis.createClient(vertx, "redis://127.0.0.1:" + FreePort.find());
            Throwable failure = nowhere.send(Request.cmd(Command.PING)).onItem().<Throwable>transform(ignored -> null)
                    .onFailure().recoverWithItem(f -> f).await().atMost(Duration.ofSeconds(10));
            assertThat(failure).isNotNull();
            assertThat(RedisFailures.isUnavailable(failure)).isTrue();
        } finally {
            vertx.closeAndAwait();
        }
    }

    @Test
    void timeoutsAndErrorRepliesAreRedisFailuresEvenWhenWrapped() {
        assertThat(RedisFailures.isUnavailable(new io.smallrye.mutiny.TimeoutException())).isTrue();
        assertThat(RedisFailures.isUnavailable(new IllegalStateException("wrapped", ErrorType.create("LOADING dataset")))).isTrue();
    }

    @Test
    void bugsAreNot() {
        assertThat(RedisFailures.isUnavailable(new NumberFormatException("For input string: \"x\""))).isFalse();
        assertThat(RedisFailures.isUnavailable(new NullPointerException())).isFalse();
        assertThat(RedisFailures.isUnavailable(new IllegalStateException("no"))).isFalse();
    }
}
