package dev.shutter.testsupport;

import dev.shutter.processes.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A real OpenSearch node ({@code platform/search-node}, in a JVM of its own) on a free loopback
 * port with its data in a temporary directory, started once per test JVM and stopped at exit.
 * Tests that need the engine to fail can {@link #stop()} it and {@link #start()} it again on the
 * same port with the same data. It never skips: a node that is not built or does not start fails
 * the test that asked for it.
 *
 * <p>Shared across Quarkus' class loaders as {@link TestRedis} is: the port lives in a system
 * property, and whichever copy started the node owns its process.
 */
public final class TestOpenSearch {

    private static final Logger LOG = Logger.getLogger(TestOpenSearch.class);
    private static final String PORT_PROPERTY = "shutter.test.opensearch.port";
    private static final String PID_PROPERTY = "shutter.test.opensearch.pid";
    private static final String TRANSPORT_PROPERTY = "shutter.test.opensearch.transport-port";
    private static final String DATA_PROPERTY = "shutter.test.opensearch.data";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int HEAP_MEGABYTES = 512;
    private static TestOpenSearch shared;

    private final int port;
    private final int transportPort;
    private final Path dataDir;
    private ServiceProcess process;

    private TestOpenSearch(int port) {
        this.port = port;
        // Every class loader's copy restarts the same node: same transport port, same data.
        this.transportPort = Integer.parseInt(System.getProperty(TRANSPORT_PROPERTY, Integer.toString(FreePort.find())));
        System.setProperty(TRANSPORT_PROPERTY, Integer.toString(transportPort));
        try {
            String known = System.getProperty(DATA_PROPERTY);
            dataDir = known != null ? Path.of(known) : Files.createTempDirectory("shutter-opensearch-");
            System.setProperty(DATA_PROPERTY, dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM's OpenSearch node, started on first use. */
    public static TestOpenSearch shared() {
        synchronized (System.class) {
            if (shared == null) {
                String known = System.getProperty(PORT_PROPERTY);
                shared = new TestOpenSearch(known == null ? FreePort.find() : Integer.parseInt(known));
                if (known == null) {
                    shared.start();
                    System.setProperty(PORT_PROPERTY, Integer.toString(shared.port));
                }
            }
            return shared;
        }
    }

    public synchronized void start() {
        if (answers()) {
            return;
        }
        Path home = ServiceProcess.searchNodeHome(Path.of("")).orElseThrow(() -> new IllegalStateException(
                "the search node is not built (platform/search-node/target/lib is missing above "
                        + Path.of("").toAbsolutePath() + "): ./mvnw -pl platform/search-node -am process-classes"));
        try {
            Path log = Files.createTempFile("shutter-opensearch-", ".log");
            boolean first = process == null && System.getProperty(PID_PROPERTY) == null;
            process = ServiceProcess.startSearchNode(home, dataDir, port, transportPort, HEAP_MEGABYTES, log)
                    .awaitReady(START_TIMEOUT);
            System.setProperty(PID_PROPERTY, Long.toString(process.pid()));
            if (first) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestOpenSearch::stopAtExit, "test-opensearch-stop"));
            }
            LOG.infof("OpenSearch test node listening on 127.0.0.1:%d (log %s)", port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OpenSearch test node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the OpenSearch test node", e);
        }
    }

    /** Stops the node, whichever class loader's copy started it; its data stays for {@link #start()}. */
    public synchronized void stop() {
        stopAtExit();
        process = null;
    }

    private static void stopAtExit() {
        String pid = System.getProperty(PID_PROPERTY);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(node -> {
            node.destroy();
            try {
                node.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                node.destroyForcibly();
            }
        });
        System.clearProperty(PID_PROPERTY);
    }

    /** Whether the node answers its health check now. */
    public boolean answers() {
        return ServiceProcess.answers200(URI.create(uri() + "/_cluster/health"));
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as Hibernate Search's {@code hosts} takes it. */
    public String hosts() {
        return "127.0.0.1:" + port;
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }
}
