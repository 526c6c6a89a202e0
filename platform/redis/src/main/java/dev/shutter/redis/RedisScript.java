package dev.shutter.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script called by its SHA ({@code EVALSHA}), so that neither a single call nor a pipeline
 * of thousands carries the source each time. A Redis that does not know the script (first use,
 * restart, failover) answers NOSCRIPT: the script is loaded and the call sent once more. Scripts
 * run this way must be safe to send twice, since a pipeline is re-sent whole.
 *
 * <p>The keys of one call must share a Redis Cluster slot (Memorystore cluster): a single key, or
 * keys with one hash tag.
 */
public final class RedisScript {

    private final String source;
    private final String sha;

    public RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    public String sha() {
        return sha;
    }

    /** One call on one key. */
    public Request call(String key, Object... args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(key);
        for (Object arg : args) {
            request.arg(arg.toString());
        }
        return request;
    }

    /** One call on one key with a list of arguments. */
    public Request call(String key, List<String> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(key);
        args.forEach(request::arg);
        return request;
    }

    /** One call on several keys; they must share a hash tag (one cluster slot). */
    public Request call(List<String> keys, String... args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(keys.size());
        keys.forEach(request::arg);
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    /** Sends one call of this script, loading it first if Redis does not know it. */
    public Uni<Response> send(Redis redis, Request call) {
        return redis.send(call).onFailure(RedisScript::isNoScript).recoverWithUni(noScript -> load(redis, this)
                .chain(() -> redis.send(call)));
    }

    /**
     * Sends the requests in one pipeline. On NOSCRIPT the scripts are loaded and the pipeline
     * sent once more.
     */
    public static Uni<List<Response>> pipeline(Redis redis, List<Request> requests, RedisScript... scripts) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.batch(requests).onFailure(RedisScript::isNoScript).recoverWithUni(noScript -> load(redis, scripts)
                .chain(() -> redis.batch(requests)));
    }

    private static Uni<Void> load(Redis redis, RedisScript... scripts) {
        List<Request> loads = Arrays.stream(scripts)
                .map(script -> Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source))
                .toList();
        return redis.batch(loads).replaceWithVoid();
    }

    static boolean isNoScript(Throwable failure) {
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
