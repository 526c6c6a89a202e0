package dev.shutter.media.video;

import dev.shutter.media.photo.MediaRejectedException;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffmpeg or ffprobe and never leaves it behind: on timeout or on interruption of the calling
 * thread the process and anything it spawned are killed before this returns. Output goes to
 * temporary files, not pipes, so a chatty process can never block on a full pipe nobody reads.
 * Each run is confined to {@link VideoLimits#addressSpace()} unless the caller names another limit.
 */
final class ExternalCommand {

    /** Enough of stderr to explain a failure without carrying megabytes of ffmpeg log around. */
    private static final int MAX_ERROR_CHARS = 4_000;

    /** Shells' and ld.so's "could not execute": the program never ran, so the upload is not to blame. */
    private static final int NOT_STARTED = 127;

    /**
     * How ffmpeg's libraries and x264 say an allocation failed: strerror(ENOMEM), libavcodec's and
     * libavfilter's own message, x264's. Not every failure under the limit says so (a failed thread
     * start can be silent); those read as the ordinary failure they also are.
     */
    private static final List<String> ALLOCATION_FAILED = List.of("Cannot allocate memory", "Could not allocate", "malloc of size");

    /** The rejection of a video that could not be processed within {@link VideoLimits#addressSpace()}. */
    static final String OUT_OF_MEMORY = "video needs more memory than this worker allows";

    /**
     * @param outOfMemory the process ran under an address-space limit and an allocation failed
     */
    record Result(int exitCode, String stdout, String stderr, boolean outOfMemory) {

        /**
         * @param limited whether the process ran under an address-space limit: only then is a failed
         *     allocation the upload's doing rather than a machine short of memory
         */
        static Result of(int exitCode, String stdout, String stderr, boolean limited) {
            boolean outOfMemory = limited && ALLOCATION_FAILED.stream().anyMatch(stderr::contains);
            return new Result(exitCode, stdout, stderr.length() > MAX_ERROR_CHARS ? stderr.substring(0, MAX_ERROR_CHARS) : stderr,
                    outOfMemory);
        }

        /** ffmpeg carries on past some failed allocations (dropping frames) and still exits 0: that is no success. */
        boolean succeeded() {
            return exitCode == 0 && !outOfMemory;
        }

        /** Why the upload is refused: the memory limit when it was hit, else what ffmpeg complained about. */
        MediaRejectedException rejection(String detail) {
            return new MediaRejectedException(outOfMemory ? OUT_OF_MEMORY : "corrupt or unreadable video: " + detail);
        }

        MediaRejectedException rejection() {
            return rejection(firstErrorLine());
        }

        /** The first line ffmpeg complained with, for a rejection reason. */
        String firstErrorLine() {
            return stderr.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                    .orElse("exit code " + exitCode);
        }
    }

    private ExternalCommand() {}

    static Result run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, VideoLimits.addressSpace());
    }

    /**
     * @param addressSpace the most the process may map, in bytes; empty: no limit
     * @throws IOException also when the program could not start, e.g. under too small a limit to load its libraries
     */
    static Result run(List<String> command, Duration timeout, OptionalLong addressSpace) throws IOException {
        Path stdout = Files.createTempFile("shutter-video-", ".out");
        Path stderr = Files.createTempFile("shutter-video-", ".err");
        try {
            Process process = new ProcessBuilder(limited(command, addressSpace))
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
            Result result = Result.of(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8), addressSpace.isPresent());
            if (result.exitCode() == NOT_STARTED) {
                throw new IOException(command.getFirst() + " could not start"
                        + (addressSpace.isPresent() ? " within " + (addressSpace.getAsLong() >> 20) + " MiB of address space" : "")
                        + ": " + result.firstErrorLine());
            }
            return result;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * The command under {@code prlimit --as}: the kernel refuses every mapping past the limit, so an
     * allocation fails inside ffmpeg instead of the machine swapping or the OOM killer choosing a
     * victim. prlimit sets the limit and execs the command, so the process is still the one started
     * here and {@link #kill} still reaches it.
     */
    static List<String> limited(List<String> command, OptionalLong addressSpace) {
        if (addressSpace.isEmpty()) {
            return command;
        }
        List<String> limited = new ArrayList<>(List.of("prlimit", "--as=" + addressSpace.getAsLong(), "--"));
        limited.addAll(command);
        return limited;
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
