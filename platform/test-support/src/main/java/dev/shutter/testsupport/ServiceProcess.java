package dev.shutter.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A built Quarkus service (its {@code quarkus-run.jar}) as a child process on a free port, for
 * tests and benchmarks that need the real service rather than a stand-in.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service with {@code config} as system properties and waits until it reports ready.
     *
     * @param jvmArgs extra JVM options, e.g. {@code -XX:StartFlightRecording=...} to profile it
     */
    public static ServiceProcess start(String name, Path quarkusRunJar, Map<String, String> config, List<String> jvmArgs)
            throws IOException, InterruptedException {
        if (!Files.exists(quarkusRunJar)) {
            throw new IllegalStateException(name + " is not built: " + quarkusRunJar.toAbsolutePath()
                    + " is missing (./mvnw -pl " + name + " -am package -DskipTests builds it)");
        }
        int port = FreePort.find();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g"));
        command.addAll(jvmArgs);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", quarkusRunJar.toString()));
        Path log = Files.createTempFile(name + "-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(name, process, port, log);
        try {
            service.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            service.close();
            throw e;
        }
        return service;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Where the service's output goes. */
    public Path log() {
        return log;
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(baseUri().resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready within " + START_TIMEOUT + "; log: " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
