package dev.shutter.post.follow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where an account becomes a celebrity: from this many followers on, its posts are pulled by the
 * feed at read time instead of pushed to every follower's timeline. The feed-service reads the
 * same key, so both sides agree on who is pushed and who is pulled.
 */
@ConfigMapping(prefix = "shutter.feed")
public interface CelebrityConfig {

    @WithDefault("10000")
    long celebrityThreshold();

    default boolean isCelebrity(long followerCount) {
        return followerCount >= celebrityThreshold();
    }
}
