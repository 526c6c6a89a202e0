package dev.shutter.blobs.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A local bucket's HMAC key kept beside its objects ({@code {root}/signing-key.hex}), so that
 * every process sharing the bucket's directory (the service that signs, the gateway that
 * verifies, the worker) ends up with the same key without passing it around.
 */
public final class SigningKeyFile {

    public static final String FILE_NAME = "signing-key.hex";

    private SigningKeyFile() {}

    /** The key in {@code root}, generated (32 random bytes) when there is none yet. */
    public static byte[] loadOrCreate(Path root) throws IOException {
        Path file = root.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(root);
            Path temp = Files.createTempFile(root, "signing-key-", ".tmp");
            try {
                trySetOwnerOnly(temp);
                Files.writeString(temp, HexFormat.of().formatHex(key), StandardOpenOption.TRUNCATE_EXISTING);
                // Two processes starting at once: the first rename wins, the other reads its key.
                Files.move(temp, file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first; use theirs
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return LocalBlobStoreConfig.signingKeyFromHex(Files.readString(file));
    }

    private static void trySetOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX filesystem: the directory's permissions are all there is
        }
    }
}
