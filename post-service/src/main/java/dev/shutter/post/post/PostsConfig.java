package dev.shutter.post.post;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of posts and their uploads. */
@ConfigMapping(prefix = "shutter.posts")
public interface PostsConfig {

    /** A post whose media are not all processed this long after creation fails and loses its uploads. */
    @WithDefault("24h")
    Duration uploadDeadline();

    /** How often the cleanup of overdue uploads runs (read by its {@code @Scheduled}). */
    @WithDefault("10m")
    Duration cleanupEvery();

    /** Posts the cleanup handles per round (each round is one query plus one transaction per post). */
    @WithDefault("100")
    int cleanupBatch();
}
