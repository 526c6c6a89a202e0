package dev.shutter.wiring;

import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.SigningKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The HMAC key of a local bucket's signed URLs: the configured one, else one generated once and kept in the bucket's root. */
public final class LocalSigningKey {

    private LocalSigningKey() {}

    public static byte[] load(Optional<String> configuredHex, Path root) throws IOException {
        if (configuredHex.isPresent()) {
            return LocalBlobStoreConfig.signingKeyFromHex(configuredHex.get());
        }
        return SigningKeyFile.loadOrCreate(root);
    }
}
