package dev.shutter.blobs.media;

import dev.shutter.blobs.UrlEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * URLs of processed media as the media gate ({@link MediaGate}) serves them: {@code
 * {baseUrl}/{key}} plain for a public account's media, with a grant for a private account's. A
 * grant names what it covers — one object, or every object under a prefix (a media item's folder,
 * so an HLS player's relative fetches of rungs and segments are covered too) — and when it
 * expires, HMAC-SHA256-signed with a key post-service and the gate share:
 *
 * <pre>
 * {baseUrl}/{key}?X-Shutter-Expires={epoch seconds}[&amp;X-Shutter-Prefix={prefix}]&amp;X-Shutter-Signature={base64url}
 * </pre>
 */
public final class MediaUrlSigner {

    static final String EXPIRES = "X-Shutter-Expires";
    static final String PREFIX = "X-Shutter-Prefix";
    static final String SIGNATURE = "X-Shutter-Signature";
    /** Names the scheme in what is signed, so a signature cannot be replayed as an upload grant. */
    private static final String SCHEME = "SHUTTER-MEDIA-HMAC-SHA256";
    private static final String ALGORITHM = "HmacSHA256";

    /** What a request's query says about access. */
    public enum Verdict {
        /** No grant in the query. */
        UNSIGNED,
        /** A genuine, unexpired grant covering the object. */
        GRANTED,
        /** A genuine grant past its expiry. */
        EXPIRED,
        /** A grant that is forged, tampered with, or for other objects. */
        FORGED
    }

    private final SecretKeySpec key;
    private final String base;
    private final Clock clock;

    public MediaUrlSigner(byte[] signingKey, URI baseUrl, Clock clock) {
        if (signingKey.length < 32) {
            throw new IllegalArgumentException("the media signing key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(signingKey.clone(), ALGORITHM);
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
    }

    public MediaUrlSigner(byte[] signingKey, URI baseUrl) {
        this(signingKey, baseUrl, Clock.systemUTC());
    }

    /** The unsigned URL of an object: served only while its owner is public. */
    public String publicUrl(String objectKey) {
        return base + "/" + UrlEncoding.encodePath(objectKey);
    }

    /** The URL of {@code objectKey} with a grant for exactly that object, valid for {@code ttl}. */
    public String signedUrl(String objectKey, Duration ttl) {
        long expires = expiry(ttl);
        return publicUrl(objectKey) + "?" + EXPIRES + "=" + expires + "&" + SIGNATURE + "=" + sign(objectKey, expires);
    }

    /**
     * The URL of {@code objectKey} with a grant for every object under {@code prefix} (which must
     * contain it), valid for {@code ttl}.
     */
    public String signedPrefixUrl(String objectKey, String prefix, Duration ttl) {
        if (!objectKey.startsWith(prefix) || !prefix.endsWith("/")) {
            throw new IllegalArgumentException(prefix + " is not a folder containing " + objectKey);
        }
        long expires = expiry(ttl);
        return publicUrl(objectKey) + "?" + EXPIRES + "=" + expires + "&" + PREFIX + "=" + UrlEncoding.percentEncode(prefix)
                + "&" + SIGNATURE + "=" + sign(prefix, expires);
    }

    /** Checks the grant a request carries for {@code objectKey}; {@code query} is decoded. */
    public Verdict verify(String objectKey, Map<String, String> query) {
        String signature = query.get(SIGNATURE);
        String expires = query.get(EXPIRES);
        if (signature == null && expires == null && !query.containsKey(PREFIX)) {
            return Verdict.UNSIGNED;
        }
        if (signature == null || expires == null) {
            return Verdict.FORGED;
        }
        String scope = query.getOrDefault(PREFIX, objectKey);
        boolean covers = scope.equals(objectKey) || scope.endsWith("/") && objectKey.startsWith(scope);
        long expiresAt;
        byte[] given;
        try {
            expiresAt = Long.parseLong(expires);
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Verdict.FORGED;
        }
        if (!covers || !MessageDigest.isEqual(mac(scope, expiresAt), given)) {
            return Verdict.FORGED;
        }
        return clock.instant().isBefore(Instant.ofEpochSecond(expiresAt)) ? Verdict.GRANTED : Verdict.EXPIRED;
    }

    /** The grant part of a query ({@code X-Shutter-...} parameters), to pass on to URIs a playlist names. */
    static String grantQuery(Map<String, String> query) {
        StringBuilder grant = new StringBuilder();
        for (String name : new String[] {EXPIRES, PREFIX, SIGNATURE}) {
            if (query.containsKey(name)) {
                grant.append(grant.isEmpty() ? "" : "&").append(name).append('=').append(UrlEncoding.percentEncode(query.get(name)));
            }
        }
        return grant.toString();
    }

    private long expiry(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        return clock.instant().plus(ttl).getEpochSecond();
    }

    private String sign(String scope, long expires) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(scope, expires));
    }

    private byte[] mac(String scope, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((SCHEME + "\n" + scope + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
