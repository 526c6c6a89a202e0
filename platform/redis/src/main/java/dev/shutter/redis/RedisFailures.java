package dev.shutter.redis;

import io.vertx.core.VertxException;
import io.vertx.redis.client.impl.types.ErrorType;
import java.io.IOException;

/**
 * Tells Redis being unavailable (refused or lost connections, a full pool, timeouts, error
 * replies such as LOADING, READONLY or OOM) from anything else. Callers that have a fallback for
 * Redis take it only for these; any other failure is a bug, to be logged and answered as one.
 */
public final class RedisFailures {

    private RedisFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErrorType || cause instanceof IOException || cause instanceof VertxException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
