package dev.shutter.stack.gateway;

/**
 * One path rule of the URL map: requests whose path is {@code pathPrefix} or lies under it go to
 * {@code backend}. A prefix ending in '/' matches everything below it; one without matches
 * itself and its sub-paths ({@code /v1/feed} matches {@code /v1/feed} and {@code /v1/feed/x},
 * not {@code /v1/feedback}), as the load balancer's {@code /v1/feed} and {@code /v1/feed/*} do.
 */
public record Route(String pathPrefix, String backend) {

    public Route {
        if (pathPrefix == null || !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("a path prefix starts with '/', was " + pathPrefix);
        }
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("a route needs a backend");
        }
    }

    boolean matches(String path) {
        if (pathPrefix.endsWith("/")) {
            return path.startsWith(pathPrefix);
        }
        return path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
    }
}
