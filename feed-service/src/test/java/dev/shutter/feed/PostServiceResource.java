package dev.shutter.feed;

import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestOpenSearch;
import dev.shutter.testsupport.TestRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real post-service, run from its built jar on the shared test PostgreSQL and Redis, once for
 * the whole test run; feed-service is pointed at it (gRPC, JWKS) and at the same Redis. Where it
 * runs is kept in system properties: test profiles load this class again in another class
 * loader, and must find the same process rather than start a second one.
 */
public class PostServiceResource implements QuarkusTestResourceLifecycleManager {

    /** Small, so celebrity behaviour is testable with a handful of accounts; the same for both services. */
    public static final int CELEBRITY_THRESHOLD = 5;

    private static final String URL_PROPERTY = "shutter.test.post-service.url";
    private static final String DATA_DIR_PROPERTY = "shutter.test.post-service.data-dir";

    public static URI baseUri() {
        ensureStarted();
        return URI.create(System.getProperty(URL_PROPERTY));
    }

    /** The public half of the key post-service signs access tokens with. */
    public static Path publicKey() {
        ensureStarted();
        return Path.of(System.getProperty(DATA_DIR_PROPERTY), "keys", "jwt-public.pem");
    }

    private static void ensureStarted() {
        synchronized (System.class) {
            if (System.getProperty(URL_PROPERTY) != null) {
                return;
            }
            try {
                TestPostgres postgres = TestPostgres.shared();
                String database = postgres.database("feed_test_posts");
                Path dataDir = Files.createTempDirectory("feed-test-post-service-");
                Path jar = Path.of(System.getProperty("shutter.postService.jar", "../post-service/target/quarkus-app/quarkus-run.jar"));
                Map<String, String> config = new java.util.LinkedHashMap<>();
                config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
                config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
                config.put("quarkus.redis.hosts", TestRedis.shared().uri());
                config.put("quarkus.hibernate-search-standalone.elasticsearch.hosts", TestOpenSearch.shared().hosts());
                config.put("shutter.data-dir", dataDir.toString());
                config.put("shutter.jwt.generate-if-missing", "true");
                config.put("shutter.celebrities.threshold", Integer.toString(CELEBRITY_THRESHOLD));
                config.put("shutter.limits.posts-per-window", "100000");
                config.put("shutter.limits.sign-ins-per-address", "100000");
                config.put("shutter.limits.sign-ups-per-address", "100000");
                config.put("shutter.limits.refreshes-per-address", "100000");
                config.put("quarkus.log.level", "WARN");
                ServiceProcess service = ServiceJars.start("post-service", jar, config, List.of());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        service.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "post-service-stop"));
                System.setProperty(DATA_DIR_PROPERTY, dataDir.toString());
                System.setProperty(URL_PROPERTY, service.baseUri().toString());
            } catch (Exception e) {
                throw new IllegalStateException("could not start post-service for the feed tests", e);
            }
        }
    }

    @Override
    public Map<String, String> start() {
        String port = Integer.toString(baseUri().getPort());
        return Map.of(
                "quarkus.redis.hosts", TestRedis.shared().uri(),
                "shutter.post-service.host", "127.0.0.1",
                "shutter.post-service.port", port,
                // In @QuarkusTest a gRPC client's port is otherwise replaced by this application's own.
                "quarkus.grpc.clients.post-query.test-port", port,
                "shutter.celebrities.threshold", Integer.toString(CELEBRITY_THRESHOLD),
                // post-service's own key file: its default place in the data directory it was given.
                "shutter.service-auth.key-file", serviceKey().toString());
    }

    /** The key the feed signs its calls to post-service with. */
    public static Path serviceKey() {
        ensureStarted();
        return Path.of(System.getProperty(DATA_DIR_PROPERTY), "keys", "service.key");
    }

    @Override
    public void stop() {
        // post-service stays up for the whole run; the shutdown hook stops it.
    }
}
