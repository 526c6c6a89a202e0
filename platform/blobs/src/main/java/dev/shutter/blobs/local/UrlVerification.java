package dev.shutter.blobs.local;

import dev.shutter.blobs.BlobKey;
import java.time.Instant;

/** The outcome of checking a request against a signed URL: granted, or rejected with a reason. */
public sealed interface UrlVerification {

    /**
     * The URL is genuine, unexpired and used as signed.
     *
     * @param method {@code PUT} or {@code GET}
     * @param key the object the URL is for
     * @param contentType for PUT, the content type signed (store the object with it); {@code ""} for GET
     * @param maxBytes for PUT, the largest body allowed (enforce it while reading); 0 for GET
     */
    record Granted(String method, BlobKey key, String contentType, long maxBytes, Instant expiresAt)
            implements UrlVerification {}

    /** @param detail what exactly is wrong, fit to show the client */
    record Rejected(Reason reason, String detail) implements UrlVerification {}

    enum Reason {
        /** The path does not name an object of this bucket. */
        BAD_KEY,
        /** Signature missing, malformed, or not matching the URL's terms (it was tampered with). */
        BAD_SIGNATURE,
        /** A genuine URL past its expiry. */
        EXPIRED,
        /** A genuine URL used with another method than signed. */
        WRONG_METHOD,
        /** A genuine PUT URL used with another Content-Type than signed. */
        CONTENT_TYPE_MISMATCH,
        /** A genuine PUT URL with a declared body larger than allowed. */
        TOO_LARGE
    }
}
