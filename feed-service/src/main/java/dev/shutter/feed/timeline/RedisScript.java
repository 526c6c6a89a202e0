package dev.shutter.feed.timeline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script called by its SHA ({@code EVALSHA}), so a pipeline of thousands of calls does not
 * carry the source each time. The keys of one call always share a Redis Cluster slot
 * (Memorystore cluster): a single key, or keys of one hash-tag bucket.
 */
final class RedisScript {

    private final String source;
    private final String sha;

    RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    Request call(String key, Object... args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(key);
        for (Object arg : args) {
            request.arg(arg.toString());
        }
        return request;
    }

    /** A call on several keys; they must share a hash tag (one cluster slot). */
    Request call(List<String> keys, String... args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(keys.size());
        keys.forEach(request::arg);
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    Request call(String key, List<String> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(key);
        args.forEach(request::arg);
        return request;
    }

    /**
     * Sends the requests in one pipeline. A Redis that does not know a script yet (first use,
     * restart, failover) answers NOSCRIPT: the scripts are loaded and the pipeline sent once more,
     * which is safe because every script here is idempotent.
     */
    static Uni<List<Response>> pipeline(Redis redis, List<Request> requests, RedisScript... scripts) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.batch(requests).onFailure(RedisScript::isNoScript).recoverWithUni(noScript -> load(redis, scripts)
                .chain(() -> redis.batch(requests)));
    }

    private static Uni<Void> load(Redis redis, RedisScript... scripts) {
        List<Request> loads = java.util.Arrays.stream(scripts)
                .map(script -> Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source))
                .toList();
        return redis.batch(loads).replaceWithVoid();
    }

    private static boolean isNoScript(Throwable failure) {
        return String.valueOf(failure.getMessage()).contains("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
