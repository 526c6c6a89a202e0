package dev.shutter.media.photo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HEIC through the libvips command line, because ImageIO has no HEIC decoder. The size is read
 * with {@code vipsheader} first so a bomb is refused before vips decodes it; the PNG written is
 * stripped, and libheif has already applied the HEIF rotation/mirror boxes, so the result is upright.
 */
final class HeicConverter {

    private static final long TIMEOUT_SECONDS = 60;
    private static final boolean AVAILABLE = onPath("vips") && onPath("vipsheader");

    private HeicConverter() {}

    static boolean available() {
        return AVAILABLE;
    }

    /** Converts to an upright, metadata-free PNG at {@code target}. */
    static void toPng(Path heic, Path target) throws MediaRejectedException, IOException {
        Path input = heic;
        Path copy = null;
        // vips reads "name[options]" as load options; never let a file name be parsed as such.
        if (heic.getFileName().toString().contains("[")) {
            copy = Files.createTempFile("shutter-heic-", ".heic");
            Files.copy(heic, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            input = copy;
        }
        try {
            int width = parseDimension(run("vipsheader", "-f", "width", input.toString()));
            int height = parseDimension(run("vipsheader", "-f", "height", input.toString()));
            PixelLimits.check(width, height);
            run("vips", "copy", input.toString(), target + "[strip]");
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private static int parseDimension(String output) throws MediaRejectedException {
        try {
            return Integer.parseInt(output.trim());
        } catch (NumberFormatException e) {
            throw new MediaRejectedException("corrupt or truncated image: unreadable HEIC header");
        }
    }

    private static String run(String... command) throws MediaRejectedException, IOException {
        Path log = Files.createTempFile("shutter-vips-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // The caller's worker pool already bounds parallelism; vips's own threads would oversubscribe it.
            builder.environment().put("VIPS_CONCURRENCY", "1");
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command[0], e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IOException(command[0] + " timed out after " + TIMEOUT_SECONDS + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String firstLine = output.lines().findFirst().orElse("exit " + process.exitValue());
                throw new MediaRejectedException("corrupt or truncated image: " + firstLine);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        return dirs.stream().map(dir -> Path.of(dir, executable)).anyMatch(Files::isExecutable);
    }
}
