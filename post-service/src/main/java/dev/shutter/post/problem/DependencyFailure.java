package dev.shutter.post.problem;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Tells a dependency that cannot be reached (database, Redis) from a bug: the first is a 503 the
 * client retries after a pause, the second a 500.
 */
final class DependencyFailure {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private DependencyFailure() {}

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof ClosedConnectionException || cause instanceof TimeoutException
                    || cause instanceof VertxException && String.valueOf(cause.getMessage()).contains("Connection")) {
                return true;
            }
        }
        return false;
    }
}
