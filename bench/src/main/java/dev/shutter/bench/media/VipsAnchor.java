package dev.shutter.bench.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anchor: {@code vipsthumbnail} making the same three WebP sizes (Q 82) from the same file.
 * Its CPU is read from bash's {@code times} (the children's user+sys line, millisecond
 * resolution), so process start-up counts, as it would for a worker shelling out.
 */
final class VipsAnchor {

    /** {@code times} prints the shell's line, then the children's: "0m1.234s 0m0.056s". */
    private static final Pattern TIMES_LINE = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private final Path input;
    private final Path outDir;

    VipsAnchor(Path input, Path outDir) {
        this.input = input;
        this.outDir = outDir;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("vipsthumbnail", "--vips-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path hqWebp() {
        return outDir.resolve("hq.webp");
    }

    /**
     * @param concurrency the {@code VIPS_CONCURRENCY} value, or null for libvips' default (one thread per core)
     * @return children's CPU milliseconds for the three invocations
     */
    double run(Integer concurrency) throws IOException, InterruptedException {
        String in = quote(input.toString());
        String script = String.join("; ",
                "set -e",
                "vipsthumbnail " + in + " --size 150x150 --smartcrop centre -o " + quote(outDir.resolve("thumb.webp") + "[Q=82]"),
                "vipsthumbnail " + in + " --size 640x -o " + quote(outDir.resolve("medium.webp") + "[Q=82]"),
                "vipsthumbnail " + in + " --size 1080x -o " + quote(hqWebp() + "[Q=82]"),
                "times");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().remove("VIPS_CONCURRENCY");
        if (concurrency != null) {
            builder.environment().put("VIPS_CONCURRENCY", concurrency.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("vipsthumbnail failed: " + output);
        }
        return childrenCpuMillis(output);
    }

    private static double childrenCpuMillis(String timesOutput) throws IOException {
        Matcher m = TIMES_LINE.matcher(timesOutput);
        Double last = null;
        while (m.find()) {
            last = seconds(m.group(1), m.group(2)) + seconds(m.group(3), m.group(4));
        }
        if (last == null) {
            throw new IOException("no `times` output in: " + timesOutput);
        }
        return last * 1000;
    }

    private static double seconds(String minutes, String seconds) {
        return Integer.parseInt(minutes) * 60 + Double.parseDouble(seconds);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static long size(Path file) throws IOException {
        return Files.size(file);
    }
}
