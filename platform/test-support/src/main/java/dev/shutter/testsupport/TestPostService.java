package dev.shutter.testsupport;

import dev.shutter.processes.ServiceProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real post-service, run from its built jar on the shared test PostgreSQL, Redis and
 * OpenSearch, once per test JVM, for the tests of a service that calls it (gRPC, JWKS, events).
 * Its limits are out of the way. Where it runs is kept in system properties: Quarkus test
 * profiles load this class again in another class loader, and must find the same process.
 */
public final class TestPostService {

    private static final String URL_PROPERTY = "shutter.test.post-service.url";
    private static final String DATA_DIR_PROPERTY = "shutter.test.post-service.data-dir";
    private static final List<String> LIMITS = List.of("posts-per-window", "likes-per-window", "sign-ins-per-address",
            "sign-ups-per-address", "refreshes-per-address");

    private final URI baseUri;
    private final Path dataDir;

    private TestPostService(URI baseUri, Path dataDir) {
        this.baseUri = baseUri;
        this.dataDir = dataDir;
    }

    /**
     * The JVM's post-service, started on first use in its own database with {@code config} on top
     * of the shared servers' (the first caller's settings win).
     */
    public static TestPostService shared(String database, Map<String, String> config) {
        synchronized (System.class) {
            if (System.getProperty(URL_PROPERTY) == null) {
                start(database, config);
            }
            return new TestPostService(URI.create(System.getProperty(URL_PROPERTY)), Path.of(System.getProperty(DATA_DIR_PROPERTY)));
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /** The public half of the key post-service signs access tokens with. */
    public Path publicKey() {
        return dataDir.resolve("keys/jwt-public.pem");
    }

    /** The key services sign their calls to post-service with (its default place in its data directory). */
    public Path serviceKey() {
        return dataDir.resolve("keys/service.key");
    }

    private static void start(String database, Map<String, String> extra) {
        try {
            TestPostgres postgres = TestPostgres.shared();
            String db = postgres.database(database);
            Path dataDir = Files.createTempDirectory("test-post-service-");
            Path jar = Path.of(System.getProperty("shutter.postService.jar", "../post-service/target/quarkus-app/quarkus-run.jar"));
            Map<String, String> config = new LinkedHashMap<>();
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(db));
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(db));
            config.put("quarkus.redis.hosts", TestRedis.shared().uri());
            config.put("quarkus.hibernate-search-standalone.elasticsearch.hosts", TestOpenSearch.shared().hosts());
            config.put("shutter.data-dir", dataDir.toString());
            config.put("shutter.jwt.generate-if-missing", "true");
            LIMITS.forEach(limit -> config.put("shutter.limits." + limit, "100000"));
            config.put("quarkus.log.level", "WARN");
            config.putAll(extra);
            ServiceProcess service = ServiceJars.start("post-service", jar, config, List.of());
            stopAtExit(service);
            System.setProperty(DATA_DIR_PROPERTY, dataDir.toString());
            System.setProperty(URL_PROPERTY, service.baseUri().toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not start post-service for the tests", e);
        }
    }

    /** Stops the process when the test JVM exits. */
    public static void stopAtExit(ServiceProcess service) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, service.name() + "-stop"));
    }
}
