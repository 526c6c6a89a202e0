package dev.shutter.post.post.view;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.media.MediaUrlSigner;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.wiring.MediaBucketConfig;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * URLs of processed media, as the media gate serves them. A public account's media are plain
 * CDN URLs (cacheable by everyone, served unsigned only while the account is public); a private
 * account's carry a grant that expires after {@link MediaBucketConfig#privateUrlTtl()}. The grant
 * covers the media item's whole folder, so a private video's HLS tree plays with the one URL.
 */
@Singleton
public class MediaUrls {

    private static final Logger LOG = Logger.getLogger(MediaUrls.class);

    private final MediaBucketConfig config;
    private final MediaUrlSigner signer;

    MediaUrls(MediaBucketConfig config) {
        this.config = config;
        this.signer = config.urlSigner();
    }

    /**
     * The URL of an object that may be served only until {@code deadline} (a story's media): always
     * with a grant, never outliving the deadline (nor the private-media TTL); null when the key is
     * not a valid object key or the deadline has passed.
     */
    public String until(String key, java.time.Instant deadline) {
        java.time.Duration left = java.time.Duration.between(java.time.Instant.now(), deadline);
        if (key == null || !BlobKey.isValid(key) || left.isNegative() || left.isZero()) {
            return null;
        }
        // Grants count whole seconds: round down, so the URL never outlives the story.
        java.time.Duration ttl = left.compareTo(config.privateUrlTtl()) < 0 ? java.time.Duration.ofSeconds(left.toSeconds())
                : config.privateUrlTtl();
        if (ttl.isZero()) {
            return null;
        }
        return ObjectKeys.parseProcessed(key)
                .map(item -> signer.signedPrefixUrl(key, ObjectKeys.processedPrefix(item), ttl))
                .orElseGet(() -> signer.signedUrl(key, ttl));
    }

    /** The URL of one object of the media bucket, or null when the key is not a valid object key. */
    public String of(String key, boolean privateAccount) {
        if (key == null || !BlobKey.isValid(key)) {
            if (key != null) {
                LOG.warnf("Media key %s is not a valid object key; left out", key);
            }
            return null;
        }
        if (!privateAccount) {
            return signer.publicUrl(key);
        }
        return ObjectKeys.parseProcessed(key)
                .map(item -> signer.signedPrefixUrl(key, ObjectKeys.processedPrefix(item), config.privateUrlTtl()))
                .orElseGet(() -> signer.signedUrl(key, config.privateUrlTtl()));
    }
}
