package dev.shutter.post.post.view;

import dev.shutter.post.platform.BlobsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The media bucket (processed variants, written by the media worker) as post-service serves it:
 * public accounts' media through the CDN, private accounts' media through signed URLs.
 */
@ConfigMapping(prefix = "shutter.media")
public interface MediaConfig {

    @WithDefault("local")
    BlobsConfig.Backend backend();

    @WithDefault("shutter-media")
    String bucket();

    /** Base of public (CDN) media URLs: {@code {baseUrl}/{key}}. */
    @WithDefault("http://localhost:8080/media")
    URI baseUrl();

    /** How long a signed URL to a private account's media works. */
    @WithDefault("1h")
    Duration privateUrlTtl();

    Local local();

    interface Local {
        /** Where the local media bucket keeps its signing key when none is configured. */
        Path root();

        /** Base of the signed URLs: the local gateway's blob route. */
        @WithDefault("http://localhost:8080/blobs")
        URI publicBaseUrl();

        /** Hex HMAC key, at least 32 bytes; the gateway verifying these URLs needs the same. */
        Optional<String> signingKey();
    }
}
