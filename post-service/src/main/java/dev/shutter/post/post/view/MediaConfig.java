package dev.shutter.post.post.view;

import dev.shutter.wiring.BucketSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * The media bucket (processed variants, written by the media worker) as post-service serves it:
 * public accounts' media through the CDN, private accounts' media through signed URLs.
 */
@ConfigMapping(prefix = "shutter.media")
public interface MediaConfig extends BucketSettings {

    @Override
    @WithDefault("shutter-media")
    String bucket();

    /** Base of public (CDN) media URLs: {@code {baseUrl}/{key}}. */
    @WithDefault("http://localhost:8080/media")
    URI baseUrl();

    /** How long a signed URL to a private account's media works. */
    @WithDefault("1h")
    Duration privateUrlTtl();
}
