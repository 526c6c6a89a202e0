package dev.shutter.blobs.local;

import dev.shutter.blobs.BlobEvents;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the local blob store, its signed URLs and its HTTP endpoint. The README lists the
 * configuration keys these come from.
 *
 * @param root directory holding the objects; created when missing
 * @param bucket name of the one bucket the store holds; it appears in events and URLs. GCS bucket
 *     naming rules apply, so a name valid here is valid there
 * @param publicBaseUrl where clients reach {@link LocalBlobHttpServer}; signed URLs are {@code
 *     {publicBaseUrl}/{bucket}/{key}?...}. It may have a path, e.g. {@code
 *     http://localhost:8080/blobs}
 * @param signingKey HMAC-SHA256 key of the signed URLs, at least 32 bytes; every process that
 *     signs or verifies URLs of this store needs the same key
 * @param finalizeTopic topic that finalize events ({@code media.uploaded}) go to
 * @param fsync whether a put forces the object and its directory entry to disk before it returns
 *     (survives power loss; slower). Without it a put survives a process crash, not a power loss
 * @param publishTimeout how long a put waits for the broker to take its finalize event
 */
public record LocalBlobStoreConfig(
        Path root,
        String bucket,
        URI publicBaseUrl,
        byte[] signingKey,
        String finalizeTopic,
        boolean fsync,
        Duration publishTimeout) {

    public static final int MIN_SIGNING_KEY_BYTES = 32;
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    // GCS bucket naming rules (the dotted-name and "goog" rules aside).
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");

    public LocalBlobStoreConfig {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("invalid bucket name " + bucket
                    + ": use 3 to 63 lowercase letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        if (!("http".equals(publicBaseUrl.getScheme()) || "https".equals(publicBaseUrl.getScheme()))
                || publicBaseUrl.getHost() == null || publicBaseUrl.getRawQuery() != null || publicBaseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("publicBaseUrl must be an http(s) URL with a host and no query or fragment, was "
                    + publicBaseUrl);
        }
        if (signingKey.length < MIN_SIGNING_KEY_BYTES) {
            throw new IllegalArgumentException("signingKey must be at least " + MIN_SIGNING_KEY_BYTES
                    + " bytes, was " + signingKey.length);
        }
        if (finalizeTopic == null || finalizeTopic.isBlank()) {
            throw new IllegalArgumentException("finalizeTopic must not be blank");
        }
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publishTimeout must be positive");
        }
        signingKey = signingKey.clone();
        root = root.toAbsolutePath().normalize();
    }

    /** The defaults: finalize events to {@code media.uploaded}, no fsync, 10 s publish timeout. */
    public static LocalBlobStoreConfig of(Path root, String bucket, URI publicBaseUrl, byte[] signingKey) {
        return new LocalBlobStoreConfig(root, bucket, publicBaseUrl, signingKey, BlobEvents.DEFAULT_FINALIZE_TOPIC,
                false, DEFAULT_PUBLISH_TIMEOUT);
    }

    /** Reads a signing key written as hex (e.g. {@code openssl rand -hex 32}). */
    public static byte[] signingKeyFromHex(String hex) {
        return HexFormat.of().parseHex(hex.strip());
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    public LocalBlobStoreConfig withFinalizeTopic(String topic) {
        return new LocalBlobStoreConfig(root, bucket, publicBaseUrl, signingKey, topic, fsync, publishTimeout);
    }

    public LocalBlobStoreConfig withFsync(boolean value) {
        return new LocalBlobStoreConfig(root, bucket, publicBaseUrl, signingKey, finalizeTopic, value, publishTimeout);
    }

    public LocalBlobStoreConfig withPublishTimeout(Duration value) {
        return new LocalBlobStoreConfig(root, bucket, publicBaseUrl, signingKey, finalizeTopic, fsync, value);
    }

    // A record compares arrays by identity; compare the key by content, and never print it.
    @Override
    public boolean equals(Object o) {
        return o instanceof LocalBlobStoreConfig c
                && root.equals(c.root) && bucket.equals(c.bucket) && publicBaseUrl.equals(c.publicBaseUrl)
                && Arrays.equals(signingKey, c.signingKey) && finalizeTopic.equals(c.finalizeTopic)
                && fsync == c.fsync && publishTimeout.equals(c.publishTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, bucket, publicBaseUrl, Arrays.hashCode(signingKey), finalizeTopic, fsync, publishTimeout);
    }

    @Override
    public String toString() {
        return "LocalBlobStoreConfig[root=" + root + ", bucket=" + bucket + ", publicBaseUrl=" + publicBaseUrl
                + ", signingKey=(" + signingKey.length + " bytes), finalizeTopic=" + finalizeTopic + ", fsync=" + fsync
                + ", publishTimeout=" + publishTimeout + "]";
    }
}
