package dev.shutter.serviceauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The key LOCAL service tokens are signed with: a hex file several services share, created once by whichever reads it first. */
public final class ServiceTokenKey {

    private ServiceTokenKey() {}

    public static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = HexFormat.of().parseHex(Files.readString(file).strip());
            if (key.length < 32) {
                throw new IllegalStateException("the service key in " + file + " has fewer than 32 bytes");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the service key " + file, e);
        }
    }

    /** Written whole to a temporary file, then linked into place: a reader never sees half a key, two writers never both win. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".service-key", ".tmp");
        try {
            Files.writeString(temp, HexFormat.of().formatHex(key));
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX filesystem
            }
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // another service created it first: use theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
