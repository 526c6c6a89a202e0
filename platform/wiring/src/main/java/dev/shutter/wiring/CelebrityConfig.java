package dev.shutter.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where an account becomes a celebrity ({@code shutter.celebrities.threshold}): from this many
 * approved followers on, its posts are pulled by the feed at read time instead of pushed to every
 * follower's timeline. post-service flags celebrities with it and feed-service decides pushing and
 * pulling with it, so both read this one key.
 */
@ConfigMapping(prefix = "shutter.celebrities")
public interface CelebrityConfig {

    @WithDefault("10000")
    long threshold();

    default boolean isCelebrity(long followerCount) {
        return followerCount >= threshold();
    }
}
