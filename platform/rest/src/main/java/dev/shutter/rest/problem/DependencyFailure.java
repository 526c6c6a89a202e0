package dev.shutter.rest.problem;

import io.vertx.core.VertxException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a dependency that cannot be reached (database, Redis) from a bug: the first is a 503 the
 * client retries after a pause, the second a 500.
 */
final class DependencyFailure {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * Connection failures of clients that not every service has on its classpath, matched by name
     * so that this library does not drag them in.
     */
    private static final Set<String> LOST_CONNECTIONS = Set.of("io.vertx.sqlclient.ClosedConnectionException");

    private DependencyFailure() {}

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof TimeoutException || LOST_CONNECTIONS.contains(cause.getClass().getName())
                    || cause instanceof VertxException && String.valueOf(cause.getMessage()).contains("Connection")) {
                return true;
            }
        }
        return false;
    }
}
