package dev.shutter.blobs;

import java.time.Duration;

/**
 * Issues signed URLs so that clients move object bytes directly to and from storage, never
 * through a service. Kept apart from {@link BlobStore} because the two need different powers:
 * signing needs a key, storing needs storage access, and a service may have only one of them.
 *
 * <p>Signing is local computation for the adapters here (HMAC, or RSA with a service-account
 * key); it does not block on I/O.
 */
public interface UrlSigner {

    /** Longest validity of a URL; GCS V4 signatures allow at most seven days. */
    Duration MAX_TTL = Duration.ofDays(7);

    /**
     * A URL to upload one object with {@code PUT}. Storage refuses the upload when the client
     * sends another content type, or more than {@code maxBytes} bytes.
     *
     * @param contentType the content type the client must send, and that the object gets
     * @param maxBytes the largest body accepted, at least 1
     * @param ttl how long the URL works, up to {@link #MAX_TTL}
     */
    SignedUrl signPut(BlobKey key, String contentType, long maxBytes, Duration ttl);

    /** A URL to download one object with {@code GET}, valid for {@code ttl} (up to {@link #MAX_TTL}). */
    SignedUrl signGet(BlobKey key, Duration ttl);

    /** Checks a validity against the limits every adapter shares. */
    static Duration requireValidTtl(Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be 1 second to " + MAX_TTL + ", was " + ttl);
        }
        return ttl;
    }

    /** Checks an upload size limit. */
    static long requireValidMaxBytes(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        return maxBytes;
    }
}
