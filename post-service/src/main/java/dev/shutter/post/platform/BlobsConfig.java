package dev.shutter.post.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where uploads go: the local filesystem (embedded default) or a GCS bucket. */
@ConfigMapping(prefix = "shutter.blobs")
public interface BlobsConfig {

    enum Backend { LOCAL, GCS }

    @WithDefault("local")
    Backend backend();

    /** The raw uploads bucket. */
    @WithDefault("shutter-raw")
    String bucket();

    /** How long a signed upload URL is good for. */
    @WithDefault("15m")
    Duration uploadTtl();

    Local local();

    interface Local {
        Path root();

        /** Base of the signed URLs: the local gateway's blob route. */
        @WithDefault("http://localhost:8080/blobs")
        URI publicBaseUrl();

        /** Hex HMAC key, at least 32 bytes; generated into the data dir when absent. */
        Optional<String> signingKey();
    }
}
