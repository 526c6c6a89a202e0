package dev.shutter.wiring;

import dev.shutter.blobs.local.LocalBlobStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** The HMAC key of a local bucket's signed URLs: the configured one, else one generated once and kept in the bucket's root. */
public final class LocalSigningKey {

    private LocalSigningKey() {}

    public static byte[] load(Optional<String> configuredHex, Path root) throws IOException {
        if (configuredHex.isPresent()) {
            return LocalBlobStoreConfig.signingKeyFromHex(configuredHex.get());
        }
        Path file = root.resolve("signing-key.hex");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, HexFormat.of().formatHex(key));
        }
        return LocalBlobStoreConfig.signingKeyFromHex(Files.readString(file).trim());
    }
}
