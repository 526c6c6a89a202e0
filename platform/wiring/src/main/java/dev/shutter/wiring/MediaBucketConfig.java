package dev.shutter.wiring;

import dev.shutter.blobs.BlobEvents;
import dev.shutter.blobs.media.MediaUrlSigner;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * Hex HMAC key (at least 32 bytes) of media URL grants, shared by post-service, which signs
     * them, and the media gate, which checks them; absent, the local bucket's key ({@code
     * local.signing-key}, else the key file in its root).
     */
    Optional<String> urlSigningKey();

    /** The signer of this bucket's media URLs ({@link MediaUrlSigner}), with {@link #urlSigningKey()}. */
    default MediaUrlSigner urlSigner() {
        try {
            return new MediaUrlSigner(urlSigningKey().isPresent()
                    ? dev.shutter.blobs.local.LocalBlobStoreConfig.signingKeyFromHex(urlSigningKey().get())
                    : LocalSigningKey.load(local().signingKey(), local().root()), baseUrl());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not load the media URL signing key", e);
        }
    }

    /** Nobody consumes the media bucket's writes (GCS sends no notifications for it either). */
    @Override
    default String defaultFinalizeTopic() {
        return BlobEvents.UNWATCHED_FINALIZE_TOPIC;
    }
}
