package dev.shutter.processes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server running as a child process, its output appended to a log file: a built Quarkus
 * service for the tests, benchmarks and the local stack, or any other server started the same way
 * (a search node in its own JVM). Ready when its readiness URL answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final URI readyUrl;
    private final Path log;

    private ServiceProcess(String name, Process process, URI readyUrl, Path log) {
        this.name = name;
        this.process = process;
        this.readyUrl = readyUrl;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code directory} (stdin empty, stdout and stderr appended to
     * {@code log}); it counts as ready once {@code readyUrl} answers 200. Does not wait.
     */
    public static ServiceProcess start(String name, List<String> command, Path directory, Path log, URI readyUrl) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new ServiceProcess(name, process, readyUrl, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A built Quarkus service ({@code quarkus-run.jar}) on {@code port}, run by the JDK running
     * this process, with {@code config} as system properties (read before application.properties).
     */
    public static ServiceProcess startQuarkus(String name, Path quarkusRunJar, int port, int heapMegabytes,
            Map<String, String> config, List<String> jvmArgs, Path directory, Path log) {
        if (!Files.exists(quarkusRunJar)) {
            throw new IllegalStateException(name + " is not built: " + quarkusRunJar.toAbsolutePath() + " is missing");
        }
        List<String> command = new ArrayList<>();
        command.add(currentJava());
        command.add("-Xmx" + heapMegabytes + "m");
        command.addAll(jvmArgs);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", quarkusRunJar.toAbsolutePath().toString()));
        return start(name, command, directory, log, URI.create("http://127.0.0.1:" + port + "/q/health/ready"));
    }

    /**
     * The search node ({@code platform/search-node}, OpenSearch in a JVM of its own) built under
     * {@code nodeHome} (that module's {@code target}: its {@code classes} and {@code lib}), on
     * {@code httpPort} with its transport on {@code transportPort}, keeping its data in {@code dataDir}.
     */
    public static ServiceProcess startSearchNode(Path nodeHome, Path dataDir, int httpPort, int transportPort,
            int heapMegabytes, Path log) {
        Path classes = nodeHome.resolve("classes");
        Path lib = nodeHome.resolve("lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("the search node is not built: " + nodeHome.toAbsolutePath()
                    + " has no classes/ and lib/ (./mvnw -pl platform/search-node -am process-classes builds it)");
        }
        List<String> command = List.of(currentJava(), "-Xms" + heapMegabytes + "m", "-Xmx" + heapMegabytes + "m",
                "-XX:+UseSerialGC", "-Xss1m", "--add-modules", "jdk.incubator.vector",
                "-cp", classes.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath() + File.separator + "*",
                "dev.shutter.searchnode.SearchNode", dataDir.toAbsolutePath().toString(), Integer.toString(httpPort),
                Integer.toString(transportPort));
        return start("search-node", command, nodeHome, log,
                URI.create("http://127.0.0.1:" + httpPort + "/_cluster/health?wait_for_status=yellow&timeout=1s"));
    }

    /** Where the search node is built in the source tree at or above {@code start}, if it is. */
    public static Optional<Path> searchNodeHome(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path home = dir.resolve("platform/search-node/target");
            if (Files.isDirectory(home.resolve("lib"))) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }

    /** The {@code java} launcher of the JDK running this process. */
    public static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public String name() {
        return name;
    }

    /** Where the process listens (its readiness URL's origin). */
    public URI baseUri() {
        return readyUrl.resolve("/");
    }

    public int port() {
        return readyUrl.getPort();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the readiness URL answers 200 now. */
    public boolean isReady() {
        return answers200(readyUrl);
    }

    /** Whether {@code url} answers 200 now (within 2 s); any failure to answer is a no. */
    public static boolean answers200(URI url) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until ready; fails with the end of the log when the process exits first or {@code
     * timeout} passes (and then stops it).
     */
    public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting:\n"
                        + logTail(40));
            }
            if (isReady()) {
                return this;
            }
            Thread.sleep(250);
        }
        stop(Duration.ofSeconds(5));
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log " + log + ":\n" + logTail(40));
    }

    /** The last lines of its log, to show why it failed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (Quarkus and most servers shut down gracefully on it), then a kill after {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(DEFAULT_GRACE);
    }
}
