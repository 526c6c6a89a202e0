package dev.shutter.stack;

import java.util.List;

/**
 * The ports of one stack, all derived from a base so that a second stack (or CI beside a running
 * one) moves everything with one option: the gateway on the base, the services after it in the
 * order of the load balancer's backends, then PostgreSQL, Redis and the search node (HTTP, then
 * its transport).
 */
public record StackPorts(int gateway, int postService, int mediaWorker, int feedService, int exploreService,
        int postgres, int redis, int search, int searchTransport) {

    /** How many ports in a row a stack takes from its base. */
    public static final int COUNT = 9;

    public static final int DEFAULT_BASE = 8080;

    public static StackPorts fromBase(int base) {
        if (base < 1024 || base > 65536 - COUNT) {
            throw new StackFailure("--port-base must be between 1024 and " + (65536 - COUNT) + ", was " + base);
        }
        return new StackPorts(base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7, base + 8);
    }

    /** A port and what the stack needs it for, to say so when it is taken. */
    public record Named(String owner, int port) {}

    public List<Named> all() {
        return List.of(new Named("the gateway", gateway), new Named("post-service", postService),
                new Named("media-worker", mediaWorker), new Named("feed-service", feedService),
                new Named("explore-service", exploreService), new Named("PostgreSQL", postgres),
                new Named("Redis", redis), new Named("OpenSearch", search),
                new Named("OpenSearch's transport", searchTransport));
    }
}
