package dev.shutter.testsupport;

import dev.shutter.processes.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A built Quarkus service (its {@code quarkus-run.jar}) as a child process on a free port, for
 * tests and benchmarks that need the real service rather than a stand-in.
 */
public final class ServiceJars {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int HEAP_MEGABYTES = 1024;

    private ServiceJars() {}

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
        Path log = Files.createTempFile(name + "-", ".log");
        return ServiceProcess.startQuarkus(name, quarkusRunJar, FreePort.find(), HEAP_MEGABYTES, config, jvmArgs,
                Path.of("").toAbsolutePath(), log).awaitReady(START_TIMEOUT);
    }
}
