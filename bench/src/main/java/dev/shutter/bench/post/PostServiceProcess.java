package dev.shutter.bench.post;

import dev.shutter.testsupport.FreePort;
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

/** The built post-service (its Quarkus jar) as a child process, configured to the bench's servers. */
public final class PostServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private PostServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the service and waits until it reports ready. */
    public static PostServiceProcess start(Path quarkusRunJar, Map<String, String> config) throws IOException, InterruptedException {
        if (!Files.exists(quarkusRunJar)) {
            throw new IllegalStateException("post-service is not built: " + quarkusRunJar + " (bench/run builds it)");
        }
        int port = FreePort.find();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g"));
        // e.g. -Dbench.postService.jvmArgs=-XX:StartFlightRecording=filename=/tmp/post.jfr to profile the service
        String extra = System.getProperty("bench.postService.jvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.split(" ")));
        }
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", quarkusRunJar.toString()));
        Path log = Files.createTempFile("post-service-bench-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PostServiceProcess service = new PostServiceProcess(process, port);
        service.awaitReady(log);
        return service;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    private void awaitReady(Path log) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("post-service exited at start:\n" + Files.readString(log));
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
        throw new IllegalStateException("post-service did not become ready; log: " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
