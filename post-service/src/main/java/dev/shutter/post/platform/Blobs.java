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
                        config.local().publicBaseUrl(), LocalSigningKey.load(config.local().signingKey(), config.local().root()));
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
}
