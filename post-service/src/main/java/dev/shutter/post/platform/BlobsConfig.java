package dev.shutter.post.platform;

import dev.shutter.wiring.BucketSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The raw uploads bucket: clients PUT originals here through signed URLs. */
@ConfigMapping(prefix = "shutter.blobs")
public interface BlobsConfig extends BucketSettings {

    @Override
    @WithDefault("shutter-raw")
    String bucket();

    /** How long a signed upload URL is good for. */
    @WithDefault("15m")
    Duration uploadTtl();
}
