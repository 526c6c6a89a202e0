package dev.shutter.media.config;

import dev.shutter.wiring.BucketSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The media bucket the worker writes renditions to (served through the CDN). */
@ConfigMapping(prefix = "shutter.media")
public interface MediaBucketConfig extends BucketSettings {

    @Override
    @WithDefault("shutter-media")
    String bucket();
}
