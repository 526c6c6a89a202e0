package dev.shutter.stack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One service of the stack: which module builds it, where it listens, and the configuration that
 * points it at the stack's servers and data directory (passed as {@code -D} system properties,
 * which Quarkus reads before its own application.properties).
 *
 * @param name the service's name, as in logs and the route table
 * @param module the Maven module (a folder of the checkout) that builds it
 * @param port its HTTP port (gRPC shares it)
 * @param heapMegabytes its maximum heap
 * @param config its configuration for this stack
 * @param jvmArgs JVM options it needs beyond the heap (modules, native access)
 */
public record ServiceSpec(String name, String module, int port, int heapMegabytes, Map<String, String> config,
        List<String> jvmArgs) {

    public ServiceSpec {
        jvmArgs = List.copyOf(jvmArgs);
    }

    public ServiceSpec(String name, String module, int port, int heapMegabytes, Map<String, String> config) {
        this(name, module, port, heapMegabytes, config, List.of());
    }

    /** The Quarkus fast-jar launcher the module's build produces. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Whether the module builds an application yet: its pom runs the Quarkus plugin and it has
     * sources. A module that is still an empty shell gets a route (answering 503) but no process.
     */
    public boolean hasApp(Path repoRoot) {
        Path moduleDir = repoRoot.resolve(module);
        Path pom = moduleDir.resolve("pom.xml");
        try {
            return Files.isDirectory(moduleDir.resolve("src/main/java"))
                    && Files.exists(pom) && Files.readString(pom).contains("<artifactId>quarkus-maven-plugin</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
