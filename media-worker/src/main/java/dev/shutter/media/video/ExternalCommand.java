package dev.shutter.media.video;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffmpeg or ffprobe and never leaves it behind: on timeout or on interruption of the calling
 * thread the process and anything it spawned are killed before this returns. Output goes to
 * temporary files, not pipes, so a chatty process can never block on a full pipe nobody reads.
 */
final class ExternalCommand {

    /** Enough of stderr to explain a failure without carrying megabytes of ffmpeg log around. */
    private static final int MAX_ERROR_CHARS = 4_000;

    record Result(int exitCode, String stdout, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** The first line ffmpeg complained with, for a rejection reason. */
        String firstErrorLine() {
            return stderr.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                    .orElse("exit code " + exitCode);
        }
    }

    private ExternalCommand() {}

    static Result run(List<String> command, Duration timeout) throws IOException {
        Path stdout = Files.createTempFile("shutter-video-", ".out");
        Path stderr = Files.createTempFile("shutter-video-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(process);
                    throw new IOException(command.getFirst() + " timed out after " + timeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while running " + command.getFirst());
                interrupted.initCause(e);
                throw interrupted;
            }
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            if (errors.length() > MAX_ERROR_CHARS) {
                errors = errors.substring(0, MAX_ERROR_CHARS);
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), errors);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    /** Children first, so none is reparented and survives; then wait, so no zombie and no late writes. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
