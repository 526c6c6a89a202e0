package dev.shutter.explore;

import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestOpenSearch;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real services Explore works with, from their built jars, once for the whole run: post-service
 * (gRPC, JWKS, the events) on the shared test PostgreSQL and Redis, and feed-service (whose
 * ranking overlay reads the engagement scores Explore writes) on the same Redis; and a model
 * store with a first release trained and published by ml-models' own commands. Kept in system
 * properties, as test profiles load this class again in another class loader.
 */
public class ExploreStackResource implements QuarkusTestResourceLifecycleManager {

    private static final String POST_URL = "shutter.test.post-service.url";
    private static final String FEED_URL = "shutter.test.feed-service.url";
    private static final String DATA_DIR = "shutter.test.post-service.data-dir";

    public static URI postService() {
        ensureStarted();
        return URI.create(System.getProperty(POST_URL));
    }

    public static URI feedService() {
        ensureStarted();
        return URI.create(System.getProperty(FEED_URL));
    }

    static Path serviceKey() {
        ensureStarted();
        return Path.of(System.getProperty(DATA_DIR), "keys", "service.key");
    }

    private static void ensureStarted() {
        synchronized (System.class) {
            if (System.getProperty(POST_URL) != null) {
                return;
            }
            try {
                TestPostgres postgres = TestPostgres.shared();
                String database = postgres.database("explore_test_posts");
                Path dataDir = Files.createTempDirectory("explore-test-post-service-");
                Map<String, String> config = new LinkedHashMap<>();
                config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
                config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
                config.put("quarkus.redis.hosts", TestRedis.shared().uri());
                config.put("quarkus.hibernate-search-standalone.elasticsearch.hosts", TestOpenSearch.shared().hosts());
                config.put("shutter.data-dir", dataDir.toString());
                config.put("shutter.jwt.generate-if-missing", "true");
                for (String limit : List.of("posts-per-window", "sign-ins-per-address", "sign-ups-per-address",
                        "refreshes-per-address", "likes-per-window")) {
                    config.put("shutter.limits." + limit, "100000");
                }
                config.put("quarkus.log.level", "WARN");
                ServiceProcess posts = ServiceJars.start("post-service", jar("shutter.postService.jar", "post-service"), config, List.of());
                stopAtExit(posts);
                String port = Integer.toString(posts.baseUri().getPort());
                Map<String, String> feed = new LinkedHashMap<>();
                feed.put("quarkus.redis.hosts", TestRedis.shared().uri());
                feed.put("shutter.post-service.host", "127.0.0.1");
                feed.put("shutter.post-service.port", port);
                feed.put("shutter.service-auth.key-file", dataDir.resolve("keys/service.key").toString());
                feed.put("quarkus.log.level", "WARN");
                ServiceProcess feedService = ServiceJars.start("feed-service", jar("shutter.feedService.jar", "feed-service"), feed,
                        List.of());
                stopAtExit(feedService);
                System.setProperty(DATA_DIR, dataDir.toString());
                System.setProperty(FEED_URL, feedService.baseUri().toString());
                System.setProperty(POST_URL, posts.baseUri().toString());
            } catch (Exception e) {
                throw new IllegalStateException("could not start post-service and feed-service for the explore tests", e);
            }
        }
    }

    private static Path jar(String property, String module) {
        return Path.of(System.getProperty(property, "../" + module + "/target/quarkus-app/quarkus-run.jar"));
    }

    private static void stopAtExit(ServiceProcess service) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "service-stop"));
    }

    @Override
    public Map<String, String> start() {
        String port = Integer.toString(postService().getPort());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.redis.hosts", TestRedis.shared().uri());
        config.put("shutter.post-service.host", "127.0.0.1");
        config.put("shutter.post-service.port", port);
        // In @QuarkusTest a gRPC client's port is otherwise replaced by this application's own.
        config.put("quarkus.grpc.clients.post-query.test-port", port);
        config.put("shutter.service-auth.key-file", serviceKey().toString());
        config.put("shutter.models.local.root", TestModels.store().toString());
        config.put("shutter.data-dir", TestModels.work().resolve("explore-data").toString());
        return config;
    }

    @Override
    public void stop() {
        // The services stay up for the whole run; the shutdown hooks stop them.
    }
}
