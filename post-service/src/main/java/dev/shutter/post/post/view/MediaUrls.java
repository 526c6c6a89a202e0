package dev.shutter.post.post.view;

import com.google.cloud.storage.StorageOptions;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.UrlSigner;
import dev.shutter.blobs.gcs.GcsUrlSigner;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.LocalUrlSigner;
import dev.shutter.post.platform.BlobsConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * URLs of processed media. A public account's media are plain CDN URLs (cacheable by everyone);
 * a private account's are signed GET URLs of the media bucket that expire, so a URL copied out
 * of the app stops working after {@link MediaConfig#privateUrlTtl()}.
 *
 * <p>The signer is the media bucket's own, not the raw bucket's ({@code platform.Blobs}): a
 * different bucket, and locally a different key.
 */
@Singleton
public class MediaUrls {

    private static final Logger LOG = Logger.getLogger(MediaUrls.class);
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private final MediaConfig config;
    private final UrlSigner signer;
    private final String publicBase;

    MediaUrls(MediaConfig config) {
        this.config = config;
        try {
            if (config.backend() == BlobsConfig.Backend.GCS) {
                signer = GcsUrlSigner.withDefaultCredentials(StorageOptions.getDefaultInstance().getService(), config.bucket());
            } else {
                signer = new LocalUrlSigner(LocalBlobStoreConfig.of(config.local().root(), config.bucket(),
                        config.local().publicBaseUrl(), signingKey(config)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up URL signing for the media bucket " + config.bucket(), e);
        }
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

    /** The configured key, else one generated once and kept in the local root (local use only). */
    private static byte[] signingKey(MediaConfig config) throws IOException {
        if (config.local().signingKey().isPresent()) {
            return LocalBlobStoreConfig.signingKeyFromHex(config.local().signingKey().get());
        }
        Path file = config.local().root().resolve("signing-key.hex");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, HexFormat.of().formatHex(key));
        }
        return LocalBlobStoreConfig.signingKeyFromHex(Files.readString(file).trim());
    }
}
