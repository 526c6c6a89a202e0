package dev.shutter.media.config;

import dev.shutter.wiring.BucketSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The raw uploads bucket the worker reads originals from. */
@ConfigMapping(prefix = "shutter.raw")
public interface RawBucketConfig extends BucketSettings {

    @Override
    @WithDefault("shutter-raw")
    String bucket();
}
