package dev.shutter.post.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The per-user limits, configurable. */
@ConfigMapping(prefix = "shutter.limits")
public interface RateLimits {

    @WithDefault("100")
    int postsPerWindow();

    @WithDefault("24h")
    Duration postsWindow();

    @WithDefault("500")
    int likesPerWindow();

    @WithDefault("1h")
    Duration likesWindow();

    default RateLimit posts() {
        return new RateLimit("posts", postsPerWindow(), postsWindow());
    }

    default RateLimit likes() {
        return new RateLimit("likes", likesPerWindow(), likesWindow());
    }

    /** Every per-user limit (erasure clears their windows). */
    default java.util.List<RateLimit> all() {
        return java.util.List.of(posts(), likes());
    }
}
