package dev.shutter.postclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where post-service is and how its answers are kept ({@code shutter.post-service.*}). */
@ConfigMapping(prefix = "shutter.post-service")
public interface PostClientConfig {

    /** post-service's host; the service's {@code quarkus.grpc.clients.post-query.host} points here. */
    @WithDefault("localhost")
    String host();

    /** post-service's HTTP port, which also serves gRPC. */
    @WithDefault("8081")
    int port();

    /** Each call gives up after this (then 503); a client-level deadline would be fixed at start. */
    @WithDefault("3s")
    Duration deadline();

    Cache cache();

    interface Cache {
        /** How long a hydrated post is kept for every viewer. */
        @WithDefault("60s")
        Duration ttl();

        /** Posts kept at most. */
        @WithDefault("20000")
        long maxPosts();
    }
}
