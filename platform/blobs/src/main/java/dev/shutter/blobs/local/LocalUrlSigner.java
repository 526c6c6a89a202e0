package dev.shutter.blobs.local;

import dev.shutter.blobs.UrlEncoding;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.ContentTypes;
import dev.shutter.blobs.SignedUrl;
import dev.shutter.blobs.UrlSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Signs URLs for {@link LocalBlobHttpServer} with the store's HMAC key; the scheme is described
 * in {@link LocalUrlSignature}. URLs expire on whole seconds, rounded down, so a URL never lives
 * longer than asked.
 */
public final class LocalUrlSigner implements UrlSigner {

    private final LocalBlobStoreConfig config;
    private final LocalUrlSignature signature;
    private final Clock clock;
    private final String base;

    public LocalUrlSigner(LocalBlobStoreConfig config) {
        this(config, Clock.systemUTC());
    }

    public LocalUrlSigner(LocalBlobStoreConfig config, Clock clock) {
        this.config = config;
        this.signature = new LocalUrlSignature(config.signingKey());
        this.clock = clock;
        String url = config.publicBaseUrl().toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/" + config.bucket() + "/";
    }

    @Override
    public SignedUrl signPut(BlobKey key, String contentType, long maxBytes, Duration ttl) {
        Objects.requireNonNull(key, "key");
        ContentTypes.requireValid(contentType);
        UrlSigner.requireValidMaxBytes(maxBytes);
        Instant expiresAt = expiry(ttl);
        byte[] mac = signature.sign("PUT", config.bucket(), key, expiresAt.getEpochSecond(), contentType,
                Long.toString(maxBytes));
        URI url = URI.create(base + UrlEncoding.encodePath(key)
                + "?" + LocalUrlSignature.METHOD + "=PUT"
                + "&" + LocalUrlSignature.EXPIRES + "=" + expiresAt.getEpochSecond()
                + "&" + LocalUrlSignature.CONTENT_TYPE + "=" + UrlEncoding.percentEncode(contentType)
                + "&" + LocalUrlSignature.MAX_BYTES + "=" + maxBytes
                + "&" + LocalUrlSignature.SIGNATURE + "=" + LocalUrlSignature.encodeSignature(mac));
        return new SignedUrl("PUT", url, Map.of("Content-Type", contentType), expiresAt);
    }

    @Override
    public SignedUrl signGet(BlobKey key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Instant expiresAt = expiry(ttl);
        byte[] mac = signature.sign("GET", config.bucket(), key, expiresAt.getEpochSecond(), "", "");
        URI url = URI.create(base + UrlEncoding.encodePath(key)
                + "?" + LocalUrlSignature.METHOD + "=GET"
                + "&" + LocalUrlSignature.EXPIRES + "=" + expiresAt.getEpochSecond()
                + "&" + LocalUrlSignature.SIGNATURE + "=" + LocalUrlSignature.encodeSignature(mac));
        return new SignedUrl("GET", url, Map.of(), expiresAt);
    }

    private Instant expiry(Duration ttl) {
        UrlSigner.requireValidTtl(ttl);
        return clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    }
}
