package dev.shutter.ml.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a directory whole or not at all: its files go into a hidden staging directory beside it,
 * which is moved into place in one step (a reader never sees half of it); never over an existing one.
 */
public final class StagedDirectory {

    public interface Contents<T> {
        T writeInto(Path staging) throws IOException;
    }

    private StagedDirectory() {}

    public static <T> T write(Path directory, String what, Contents<T> contents) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new IOException(target + " exists already: " + what + " is written once, never over another");
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        try {
            T result = contents.writeInto(staging);
            // A temporary directory is owner-only; what it becomes is read like any other.
            Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            if (Files.exists(staging)) {
                try (Stream<Path> paths = Files.walk(staging)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }
}
