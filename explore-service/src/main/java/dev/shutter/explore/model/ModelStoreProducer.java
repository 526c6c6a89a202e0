package dev.shutter.explore.model;

import com.google.cloud.storage.StorageOptions;
import dev.shutter.blobs.gcs.GcsBlobStore;
import dev.shutter.explore.config.ModelStoreConfig;
import dev.shutter.models.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The model store the config names: a GCS bucket, else a local directory. */
@ApplicationScoped
public class ModelStoreProducer {

    @Produces
    @ApplicationScoped
    ModelStore modelStore(ModelStoreConfig config) {
        if (config.gcsBucket().isPresent()) {
            return new ModelStore(new GcsBlobStore(StorageOptions.getDefaultInstance().getService(), config.gcsBucket().get()));
        }
        try {
            return ModelStore.local(config.local().root().orElseThrow(() -> new IllegalStateException(
                    "set shutter.models.gcs-bucket or shutter.models.local.root: explore-service needs a model store")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the local model store", e);
        }
    }
}
