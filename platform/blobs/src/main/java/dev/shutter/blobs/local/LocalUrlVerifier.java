package dev.shutter.blobs.local;

import dev.shutter.blobs.UrlEncoding;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.InvalidBlobKeyException;
import dev.shutter.blobs.local.UrlVerification.Granted;
import dev.shutter.blobs.local.UrlVerification.Reason;
import dev.shutter.blobs.local.UrlVerification.Rejected;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks requests against URLs made by {@link LocalUrlSigner}, for {@link SignedBlobEndpoint}
 * (served by {@link LocalBlobHttpServer} or the local stack's gateway).
 *
 * <p>The checks run in an order that never tells a forger more than "bad signature": the path
 * is parsed first (a malformed key cannot be signed anyway), then the signature is compared in
 * constant time, and only for a genuine URL are expiry, method, content type and size examined
 * and reported separately.
 */
public final class LocalUrlVerifier {

    private final LocalBlobStoreConfig config;
    private final LocalUrlSignature signature;
    private final Clock clock;
    private final String pathPrefix;

    public LocalUrlVerifier(LocalBlobStoreConfig config) {
        this(config, Clock.systemUTC());
    }

    public LocalUrlVerifier(LocalBlobStoreConfig config, Clock clock) {
        this.config = config;
        this.signature = new LocalUrlSignature(config.signingKey());
        this.clock = clock;
        String basePath = Objects.requireNonNullElse(config.publicBaseUrl().getRawPath(), "");
        this.pathPrefix = (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath)
                + "/" + config.bucket() + "/";
    }

    /**
     * Checks one request.
     *
     * @param method the request's method
     * @param rawPath the request's path, still percent-encoded ({@code URI.getRawPath()})
     * @param query the request's query parameters, decoded (see {@link #parseQuery})
     * @param contentType the request's {@code Content-Type} header, or {@code null}
     * @param contentLength the request's declared body length, or -1 when not declared (then
     *     enforce {@link Granted#maxBytes()} while reading)
     */
    public UrlVerification verify(String method, String rawPath, Map<String, String> query, String contentType,
            long contentLength) {
        if (rawPath == null || !rawPath.startsWith(pathPrefix)) {
            return new Rejected(Reason.BAD_KEY, "path is not an object of bucket " + config.bucket()
                    + " (expected " + pathPrefix + "{key})");
        }
        BlobKey key;
        try {
            key = decodeKey(rawPath.substring(pathPrefix.length()));
        } catch (IllegalArgumentException e) {
            return new Rejected(Reason.BAD_KEY, e.getMessage());
        }

        String signedMethod = query.get(LocalUrlSignature.METHOD);
        String expires = query.get(LocalUrlSignature.EXPIRES);
        String givenSignature = query.get(LocalUrlSignature.SIGNATURE);
        if (signedMethod == null || expires == null || givenSignature == null) {
            return new Rejected(Reason.BAD_SIGNATURE, "not a signed URL: " + LocalUrlSignature.METHOD + ", "
                    + LocalUrlSignature.EXPIRES + " and " + LocalUrlSignature.SIGNATURE + " are required");
        }
        boolean put = "PUT".equals(signedMethod);
        String signedContentType = put ? query.getOrDefault(LocalUrlSignature.CONTENT_TYPE, "") : "";
        String signedMaxBytes = put ? query.getOrDefault(LocalUrlSignature.MAX_BYTES, "") : "";
        long expiresEpochSecond;
        long maxBytes;
        byte[] given;
        try {
            expiresEpochSecond = Long.parseLong(expires);
            maxBytes = put ? Long.parseLong(signedMaxBytes) : 0;
            given = Base64.getUrlDecoder().decode(givenSignature);
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            return new Rejected(Reason.BAD_SIGNATURE, "malformed signed URL parameters");
        }
        byte[] expected = signature.sign(signedMethod, config.bucket(), key, expiresEpochSecond, signedContentType,
                signedMaxBytes);
        if (!MessageDigest.isEqual(expected, given)) {
            return new Rejected(Reason.BAD_SIGNATURE, "signature does not match the URL");
        }

        Instant expiresAt = Instant.ofEpochSecond(expiresEpochSecond);
        if (!clock.instant().isBefore(expiresAt)) {
            return new Rejected(Reason.EXPIRED, "URL expired at " + expiresAt);
        }
        if (!signedMethod.equals(method)) {
            return new Rejected(Reason.WRONG_METHOD, "URL is signed for " + signedMethod + ", not " + method);
        }
        if (put) {
            // Exact match, as GCS requires of signed headers, so that a client bug found here
            // would not first show in production.
            if (contentType == null || !signedContentType.equals(contentType.strip())) {
                return new Rejected(Reason.CONTENT_TYPE_MISMATCH, "Content-Type must be " + signedContentType
                        + ", was " + (contentType == null ? "missing" : contentType.strip()));
            }
            if (contentLength > maxBytes) {
                return new Rejected(Reason.TOO_LARGE, "body of " + contentLength + " bytes exceeds the limit of "
                        + maxBytes + " bytes");
            }
        }
        return new Granted(signedMethod, key, signedContentType, maxBytes, expiresAt);
    }

    /** Segment by segment, so that an encoded '/' ({@code %2F}) cannot smuggle in a separator. */
    public static BlobKey decodeKey(String rawKey) {
        List<String> segments = new ArrayList<>();
        for (String rawSegment : rawKey.split("/", -1)) {
            String segment = UrlEncoding.percentDecode(rawSegment);
            if (segment.indexOf('/') >= 0) {
                throw new InvalidBlobKeyException("invalid blob key: a segment contains an encoded '/'");
            }
            segments.add(segment);
        }
        return BlobKey.of(String.join("/", segments));
    }

    /**
     * Parses a raw (percent-encoded) query string. A '+' stays a '+'.
     *
     * @throws IllegalArgumentException on a malformed escape, or a parameter given twice (which
     *     could make the verifier and a proxy read different values)
     */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = UrlEncoding.percentDecode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : UrlEncoding.percentDecode(pair.substring(equals + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("query parameter " + name + " is given more than once");
            }
        }
        return params;
    }
}
