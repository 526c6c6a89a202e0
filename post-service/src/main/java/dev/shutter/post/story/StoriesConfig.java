package dev.shutter.post.story;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Stories: how long they live, how their viewers are kept, how often expired ones are swept. */
@ConfigMapping(prefix = "shutter.stories")
public interface StoriesConfig {

    /** A story's life from creation; tests and the benchmark use seconds. */
    @WithDefault("24h")
    Duration ttl();

    /** The longest clip a story takes. */
    @WithDefault("15s")
    Duration maxVideo();

    /** Viewers listed exactly, newest first; beyond, the count is HyperLogLog's estimate. */
    @WithDefault("5000")
    int viewersKept();

    /** How long after expiry the owner can still see the viewers. */
    @WithDefault("2h")
    Duration viewersGrace();

    /** How long after expiry the row is kept (the media worker removes the media on the same clock). */
    @WithDefault("48h")
    Duration rowGrace();

    /** How long a first view's row (what the ml-models export learns story views from) is kept. */
    @WithDefault("30d")
    Duration viewsKept();

    /** How often the sweeper announces expired stories and removes old rows. */
    @WithDefault("5s")
    Duration sweepInterval();
}
