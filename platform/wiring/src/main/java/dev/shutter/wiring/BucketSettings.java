package dev.shutter.wiring;

import dev.shutter.blobs.BlobEvents;
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

    /** Where this bucket's local writes announce themselves unless {@code local.finalize-topic} says otherwise. */
    default String defaultFinalizeTopic() {
        return BlobEvents.DEFAULT_FINALIZE_TOPIC;
    }

    interface Local {
        /** The local bucket's directory (objects, and its signing key when none is configured). */
        Path root();

        /** Base of the signed URLs: the local gateway's blob route. */
        @WithDefault("http://localhost:8080/blobs")
        URI publicBaseUrl();

        /** Hex HMAC key, at least 32 bytes; generated into the root when absent. */
        Optional<String> signingKey();

        /**
         * Where a local write announces itself, as a GCS bucket's finalize notification would;
         * absent, the bucket's {@link BucketSettings#defaultFinalizeTopic()}.
         */
        Optional<String> finalizeTopic();
    }
}
