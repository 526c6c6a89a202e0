package dev.shutter.post.platform;

import com.google.cloud.storage.StorageOptions;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.UrlSigner;
import dev.shutter.blobs.gcs.GcsBlobStore;
import dev.shutter.blobs.gcs.GcsUrlSigner;
import dev.shutter.blobs.local.LocalBlobStore;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.LocalUrlSigner;
import dev.shutter.events.EventPublisher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The raw-uploads bucket and its URL signer, on the backend the configuration names. */
@Singleton
public class Blobs {

    private final BlobStore store;
    private final UrlSigner signer;

    Blobs(BlobsConfig config, EventPublisher publisher) {
        try {
            if (config.backend() == BlobsConfig.Backend.GCS) {
                var storage = StorageOptions.getDefaultInstance().getService();
                store = new GcsBlobStore(storage, config.bucket());
                signer = GcsUrlSigner.withDefaultCredentials(storage, config.bucket());
            } else {
                LocalBlobStoreConfig local = LocalBlobStoreConfig.of(config.local().root(), config.bucket(),
                        config.local().publicBaseUrl(), signingKey(config));
                store = LocalBlobStore.open(local, publisher);
                signer = new LocalUrlSigner(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the " + config.backend() + " blob store", e);
        }
    }

    @Produces
    BlobStore store() {
        return store;
    }

    @Produces
    UrlSigner signer() {
        return signer;
    }

    /** The configured key, else one generated once and kept beside the objects (local use only). */
    private static byte[] signingKey(BlobsConfig config) throws IOException {
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
