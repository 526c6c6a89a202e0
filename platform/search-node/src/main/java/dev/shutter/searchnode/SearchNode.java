package dev.shutter.searchnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * A single-node OpenSearch, for tests and the local stack: {@code SearchNode <data-dir> <http-port>
 * <transport-port>}. Its data stays in {@code data-dir} across restarts. It stops when it is
 * signalled or when the process that started it is gone, so a killed test run leaves no node behind.
 */
public final class SearchNode {

    private static final String CLUSTER = "shutter";
    // From the classpath (target/lib holds the plugin zip's jars): only its lucene engine runs
    // here, the faiss and nmslib engines need native libraries the zip does not carry.
    private static final String KNN_PLUGIN = "org.opensearch.knn.plugin.KNNPlugin";

    private SearchNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SearchNode <data-dir> <http-port> <transport-port>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        String httpPort = args[1];
        String transportPort = args[2];
        Files.createDirectories(dataDir);
        OpenSearchRunner runner = new OpenSearchRunner();
        // The runner probes ports from 9201 upwards unless told not to; the caller chose free ones.
        runner.setMaxHttpPort(-1);
        runner.onBuild((index, settings) -> settings
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("network.host", "127.0.0.1")
                .put("discovery.type", "single-node")
                .putList("node.roles", "cluster_manager", "data", "ingest")
                // One machine, no replicas: yellow would be the best any index could reach.
                .put("cluster.routing.allocation.disk.threshold_enabled", "false")
                .put("action.auto_create_index", "false"));
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(dataDir.toString())
                .numOfNode(1)
                .clusterName(CLUSTER)
                .pluginTypes(KNN_PLUGIN)
                .disableESLogger());
        runner.ensureYellow();
        System.out.println("search node ready on 127.0.0.1:" + httpPort + ", data in " + dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(runner), "search-node-stop"));
        watchParent();
        System.exit(0);
    }

    private static void watchParent() throws InterruptedException {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        while (parent.map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(1_000);
        }
        System.out.println("search node: the process that started it is gone; stopping");
    }

    private static void close(OpenSearchRunner runner) {
        try {
            runner.close();
        } catch (Exception e) {
            System.err.println("search node did not stop cleanly: " + e);
        }
    }
}
