package dev.shutter.explore.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the model store is: a GCS bucket on Google Cloud ({@code shutter.models.gcs-bucket}), a
 * directory locally ({@code shutter.models.local.root}, as ./shutter up and ml-models use it).
 */
@ConfigMapping(prefix = "shutter.models")
public interface ModelStoreConfig {

    Optional<String> gcsBucket();

    Local local();

    interface Local {
        Optional<Path> root();
    }
}
