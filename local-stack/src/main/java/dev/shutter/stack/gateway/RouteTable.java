package dev.shutter.stack.gateway;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's URL map: the most specific matching rule wins, whatever the order the rules are
 * listed in, as in a Google Cloud URL map's path matcher. A path no rule matches has no backend
 * (the gateway answers 404).
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        // Longest first: the first match is then the most specific one.
        this.routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.pathPrefix().length()).reversed()).toList();
    }

    /** @param rawPath the request's path, still percent-encoded (a prefix never contains an escape) */
    public Optional<Route> match(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        return routes.stream().filter(route -> route.matches(rawPath)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }
}
