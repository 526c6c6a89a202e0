package dev.shutter.wiring;

import dev.shutter.blobs.BlobEvents;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * The media bucket ({@code shutter.media.*}): media-worker writes the processed variants,
 * post-service turns their keys into URLs, public accounts' through the CDN and private
 * accounts' signed. One declaration for both services.
 */
@ConfigMapping(prefix = "shutter.media")
public interface MediaBucketConfig extends BucketSettings {

    @Override
    @WithDefault("shutter-media")
    String bucket();

    /** Base of public (CDN) media URLs: {@code {baseUrl}/{key}}. */
    @WithDefault("http://localhost:8080/media")
    URI baseUrl();

    /** How long a signed URL to a private account's media works (API.md: one hour). */
    @WithDefault("1h")
    Duration privateUrlTtl();

    /** Nobody consumes the media bucket's writes (GCS sends no notifications for it either). */
    @Override
    default String defaultFinalizeTopic() {
        return BlobEvents.UNWATCHED_FINALIZE_TOPIC;
    }
}
