package dev.shutter.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The raw uploads bucket ({@code shutter.raw.*}): clients PUT originals here through URLs
 * post-service signs, and media-worker reads them back. One declaration for both services.
 */
@ConfigMapping(prefix = "shutter.raw")
public interface RawBucketConfig extends BucketSettings {

    @Override
    @WithDefault("shutter-raw")
    String bucket();

    /** How long a signed upload URL is good for (API.md: 15 minutes). */
    @WithDefault("15m")
    Duration uploadTtl();
}
