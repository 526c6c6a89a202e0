package dev.shutter.post.post.view;

import dev.shutter.wiring.MediaBucketConfig;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.UrlSigner;
import dev.shutter.wiring.Bucket;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * URLs of processed media. A public account's media are plain CDN URLs (cacheable by everyone);
 * a private account's are signed GET URLs of the media bucket that expire, so a URL copied out
 * of the app stops working after {@link MediaBucketConfig#privateUrlTtl()}.
 *
 * <p>The signer is the media bucket's own, not the raw bucket's ({@code platform.Blobs}): a
 * different bucket, and locally a different key.
 */
@Singleton
public class MediaUrls {

    private static final Logger LOG = Logger.getLogger(MediaUrls.class);
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private final MediaBucketConfig config;
    private final UrlSigner signer;
    private final String publicBase;

    MediaUrls(MediaBucketConfig config) {
        this.config = config;
        this.signer = Bucket.signerOf(config);
        String base = config.baseUrl().toString();
        publicBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The URL of one object of the media bucket, or null when the key is not a valid object key. */
    public String of(String key, boolean privateAccount) {
        if (key == null || !BlobKey.isValid(key)) {
            if (key != null) {
                LOG.warnf("Media key %s is not a valid object key; left out", key);
            }
            return null;
        }
        return privateAccount
                ? signer.signGet(BlobKey.of(key), config.privateUrlTtl()).url().toString()
                : publicBase + "/" + encodePath(key);
    }

    private static String encodePath(String key) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            if (b == '/' || UNRESERVED.indexOf(b) >= 0) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }
}
