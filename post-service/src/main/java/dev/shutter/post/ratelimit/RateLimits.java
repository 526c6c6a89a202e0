package dev.shutter.post.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The rate limits, configurable: per user (posts, likes), per account and per client address (sign-in, sign-up, refresh). */
@ConfigMapping(prefix = "shutter.limits")
public interface RateLimits {

    @WithDefault("100")
    int postsPerWindow();

    @WithDefault("24h")
    Duration postsWindow();

    @WithDefault("100")
    int storiesPerWindow();

    @WithDefault("24h")
    Duration storiesWindow();

    @WithDefault("500")
    int likesPerWindow();

    @WithDefault("1h")
    Duration likesWindow();

    /** Sign-in attempts per account: what stops guessing one account's password. */
    @WithDefault("10")
    int signInsPerAccount();

    @WithDefault("15m")
    Duration signInsWindow();

    /** Sign-in attempts per client address, whatever the accounts (generous: many people share an address). */
    @WithDefault("100")
    int signInsPerAddress();

    @WithDefault("50")
    int signUpsPerAddress();

    @WithDefault("1h")
    Duration signUpsWindow();

    @WithDefault("300")
    int refreshesPerAddress();

    @WithDefault("1h")
    Duration refreshesWindow();

    default RateLimit signInsOfAccount() {
        return new RateLimit("signin-account", signInsPerAccount(), signInsWindow());
    }

    default RateLimit signInsFromAddress() {
        return new RateLimit("signin-address", signInsPerAddress(), signInsWindow());
    }

    default RateLimit signUpsFromAddress() {
        return new RateLimit("signup-address", signUpsPerAddress(), signUpsWindow());
    }

    default RateLimit refreshesFromAddress() {
        return new RateLimit("refresh-address", refreshesPerAddress(), refreshesWindow());
    }

    default RateLimit posts() {
        return new RateLimit("posts", postsPerWindow(), postsWindow());
    }

    default RateLimit stories() {
        return new RateLimit("stories", storiesPerWindow(), storiesWindow());
    }

    default RateLimit likes() {
        return new RateLimit("likes", likesPerWindow(), likesWindow());
    }

    /** Every per-user limit (erasure clears their windows). */
    default java.util.List<RateLimit> all() {
        return java.util.List.of(posts(), stories(), likes());
    }
}
