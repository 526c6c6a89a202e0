package dev.shutter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.testsupport.TestRedis;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real Redis: scripts run by SHA, and come back after Redis forgets them. */
class RedisScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RedisScript INCREMENT_BY = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, TestRedis.shared().uri());
    }

    @AfterAll
    static void close() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void aScriptRedisNeverSawIsLoadedOnTheFirstCall() {
        flushScripts();
        Response answer = INCREMENT_BY.send(redis, INCREMENT_BY.call("script-test:single", 5)).await().atMost(WAIT);
        assertThat(answer.toLong()).isEqualTo(5);
        Response known = redis.send(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(INCREMENT_BY.sha())).await().atMost(WAIT);
        assertThat(known.get(0).toInteger()).as("loaded, so later calls send only the SHA").isEqualTo(1);
    }

    @Test
    void aPipelineIsResentOnceAfterNoScript() {
        flushScripts();
        List<Response> answers = RedisScript.pipeline(redis, List.of(INCREMENT_BY.call("script-test:pipe", 1),
                INCREMENT_BY.call("script-test:pipe", 2)), INCREMENT_BY).await().atMost(WAIT);
        // Every call failed NOSCRIPT the first time, so the whole pipeline ran exactly once.
        assertThat(answers.getLast().toLong()).isEqualTo(3);
        assertThat(RedisScript.pipeline(redis, List.of(), INCREMENT_BY).await().atMost(WAIT)).isEmpty();
    }

    @Test
    void otherErrorsAreNotRetried() {
        redis.send(Request.cmd(Command.SET).arg("script-test:text").arg("not a number")).await().atMost(WAIT);
        Throwable failure = INCREMENT_BY.send(redis, INCREMENT_BY.call("script-test:text", 1))
                .onItem().<Throwable>transform(ignored -> null).onFailure().recoverWithItem(f -> f).await().atMost(WAIT);
        assertThat(failure).isNotNull();
        assertThat(RedisScript.isNoScript(failure)).isFalse();
    }

    @Test
    void theShaIsTheSourcesSha1() {
        assertThat(new RedisScript("return 1").sha()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    }

    private static void flushScripts() {
        redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await().atMost(WAIT);
    }
}
