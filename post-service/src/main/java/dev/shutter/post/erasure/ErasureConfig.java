package dev.shutter.post.erasure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** How erasure runs ({@code shutter.erasure.*}). */
@ConfigMapping(prefix = "shutter.erasure")
public interface ErasureConfig {

    /** Stores of other services that report {@code erasure.finished}: media-worker's media, feed-service's timelines, explore-service's histories. */
    @WithDefault("media,timelines,explore")
    Set<String> remoteStores();

    /** How often pending steps are looked for (after a request, after a crash). */
    @WithDefault("1s")
    Duration poll();

    /**
     * How long a step waits for the stores it comes after; past it, it runs anyway (logged), so a
     * service that is down delays erasure, never stops it.
     */
    @WithDefault("10m")
    Duration waitForOthers();
}
