package dev.shutter.wiring;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What locates a bucket: a service's {@code @ConfigMapping} for a bucket extends this (adding its
 * own keys), and {@link Bucket} opens it on the named backend.
 */
public interface BucketSettings {

    enum Backend { LOCAL, GCS }

    @WithDefault("local")
    Backend backend();

    String bucket();

    Local local();

    interface Local {
        /** The local bucket's directory (objects, and its signing key when none is configured). */
        Path root();

        /** Base of the signed URLs: the local gateway's blob route. */
        @WithDefault("http://localhost:8080/blobs")
        URI publicBaseUrl();

        /** Hex HMAC key, at least 32 bytes; generated into the root when absent. */
        Optional<String> signingKey();

        /**
         * Where a local write announces itself, as a GCS bucket's finalize notification would; the
         * raw bucket's feeds the media worker.
         */
        @WithDefault("media.uploaded")
        String finalizeTopic();
    }
}
