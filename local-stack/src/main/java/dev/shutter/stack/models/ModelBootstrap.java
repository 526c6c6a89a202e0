package dev.shutter.stack.models;

import dev.shutter.stack.Console;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * ml-models' bootstrap (the first release of the Explore models) running beside the stack: a child
 * process whose whole output goes to its log, and whose step lines (those starting with {@link
 * #STEP}) the console shows as the stack's own steps; on a terminal its other lines pass by on the
 * step's line. It may fail, or be stopped with the stack, without taking anything down: the end is
 * reported and the stack runs on (Explore then serves its fallback until a model is published).
 */
public final class ModelBootstrap {

    /** How ml-models' {@code FirstRelease} marks a step. */
    public static final String STEP = "bootstrap: ";
    static final String LABEL = "first model: ";
    private static final int DETAIL_CHARS = 72;
    // A stack trace's frames say nothing a user can act on; the line before them does.
    private static final Pattern FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more).*");

    private final Process process;
    private final Path log;
    private final Console console;
    private final Thread reporter;
    private final long startedAt = System.nanoTime();
    private volatile boolean stopping;

    private ModelBootstrap(Process process, Path log, Console console) {
        this.process = process;
        this.log = log;
        this.console = console;
        this.reporter = Thread.ofVirtual().name("model-bootstrap").unstarted(this::report);
    }

    /** Starts {@code command} in {@code directory}, appending its output to {@code log}; does not wait. */
    public static ModelBootstrap start(List<String> command, Path directory, Path log, Console console) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "--- " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            ModelBootstrap bootstrap = new ModelBootstrap(process, log, console);
            bootstrap.reporter.start();
            return bootstrap;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the model bootstrap: " + e.getMessage(), e);
        }
    }

    public Path log() {
        return log;
    }

    private void report() {
        String step = "starting";
        String lastMessage = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            console.begin(LABEL + step);
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                if (stopping) {
                    continue;
                }
                if (line.startsWith(STEP)) {
                    step = line.substring(STEP.length());
                    console.begin(LABEL + step);
                } else if (!line.isBlank()) {
                    console.progress(LABEL + step + " · " + abbreviate(line.strip()));
                }
                if (!line.isBlank() && !FRAME.matcher(line).matches()) {
                    lastMessage = line.strip();
                }
            }
        } catch (IOException e) {
            lastMessage = "its output could not be read: " + e.getMessage();
        }
        int exit = awaitExit();
        if (stopping) {
            console.note(LABEL + "stopped with the stack; the next ./shutter up starts it again (log " + log + ")");
        } else if (exit == 0) {
            console.ok(LABEL + step + " (%.0f s)".formatted((System.nanoTime() - startedAt) / 1e9));
        } else {
            console.fail(LABEL + "the bootstrap exited with code " + exit + " at \"" + step + "\": " + lastMessage);
            console.note(LABEL + "the stack stays up without a model (Explore serves its fallback); log " + log);
        }
    }

    private int awaitExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= DETAIL_CHARS ? line : line.substring(0, DETAIL_CHARS - 3) + "...";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops it (SIGTERM, a kill after {@code grace}); what it published so far stays, and counts only if whole. */
    public void stop(Duration grace) throws InterruptedException {
        stopping = true;
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        reporter.join(Duration.ofSeconds(5));
    }

    /** Waits until the process has ended and its end is reported; false when {@code timeout} passed first. */
    public boolean await(Duration timeout) throws InterruptedException {
        return reporter.join(timeout);
    }
}
