package dev.shutter.wiring;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.UrlSigner;
import dev.shutter.blobs.gcs.GcsBlobStore;
import dev.shutter.blobs.gcs.GcsUrlSigner;
import dev.shutter.blobs.local.LocalBlobStore;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.LocalUrlSigner;
import dev.shutter.events.EventPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A bucket opened on the backend its settings name: its store and its URL signer. */
public record Bucket(BlobStore store, UrlSigner signer) {

    /** Opens the bucket; locally, writes announce themselves through {@code publisher} as GCS notifications would. */
    public static Bucket open(BucketSettings settings, EventPublisher publisher) {
        try {
            if (settings.backend() == BucketSettings.Backend.GCS) {
                Storage storage = StorageOptions.getDefaultInstance().getService();
                return new Bucket(new GcsBlobStore(storage, settings.bucket()),
                        GcsUrlSigner.withDefaultCredentials(storage, settings.bucket()));
            }
            LocalBlobStoreConfig local = localConfig(settings);
            return new Bucket(LocalBlobStore.open(local, publisher), new LocalUrlSigner(local));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the " + settings.backend() + " bucket " + settings.bucket(), e);
        }
    }

    /** Only the URL signer, for a service that serves a bucket's objects but never writes them. */
    public static UrlSigner signerOf(BucketSettings settings) {
        try {
            if (settings.backend() == BucketSettings.Backend.GCS) {
                return GcsUrlSigner.withDefaultCredentials(StorageOptions.getDefaultInstance().getService(), settings.bucket());
            }
            return new LocalUrlSigner(localConfig(settings));
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up URL signing for the bucket " + settings.bucket(), e);
        }
    }

    private static LocalBlobStoreConfig localConfig(BucketSettings settings) throws IOException {
        return LocalBlobStoreConfig.of(settings.local().root(), settings.bucket(), settings.local().publicBaseUrl(),
                LocalSigningKey.load(settings.local().signingKey(), settings.local().root()))
                .withFinalizeTopic(settings.local().finalizeTopic().orElse(settings.defaultFinalizeTopic()));
    }
}
