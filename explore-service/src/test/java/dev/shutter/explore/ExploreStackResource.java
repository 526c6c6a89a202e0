package dev.shutter.explore;

import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostService;
import dev.shutter.testsupport.TestRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real services Explore works with, from their built jars, once for the whole run:
 * post-service (platform/test-support's {@link TestPostService}), and feed-service (whose ranking
 * overlay reads the engagement scores Explore writes) on the same Redis; and a model store with a
 * first release made by ml-models' own commands ({@link TestModels}). Kept in system properties,
 * as test profiles load this class again in another class loader.
 */
public class ExploreStackResource implements QuarkusTestResourceLifecycleManager {

    private static final String FEED_URL = "shutter.test.feed-service.url";

    static TestPostService posts() {
        return TestPostService.shared("explore_test_posts", Map.of());
    }

    public static URI postService() {
        return posts().baseUri();
    }

    public static URI feedService() {
        synchronized (System.class) {
            if (System.getProperty(FEED_URL) == null) {
                Map<String, String> feed = new LinkedHashMap<>();
                feed.put("quarkus.redis.hosts", TestRedis.shared().uri());
                feed.put("shutter.post-service.host", "127.0.0.1");
                feed.put("shutter.post-service.port", Integer.toString(posts().port()));
                feed.put("shutter.service-auth.key-file", posts().serviceKey().toString());
                feed.put("quarkus.log.level", "WARN");
                Path jar = Path.of(System.getProperty("shutter.feedService.jar", "../feed-service/target/quarkus-app/quarkus-run.jar"));
                try {
                    ServiceProcess service = ServiceJars.start("feed-service", jar, feed, List.of());
                    TestPostService.stopAtExit(service);
                    System.setProperty(FEED_URL, service.baseUri().toString());
                } catch (Exception e) {
                    throw new IllegalStateException("could not start feed-service for the explore tests", e);
                }
            }
            return URI.create(System.getProperty(FEED_URL));
        }
    }

    @Override
    public Map<String, String> start() {
        String port = Integer.toString(posts().port());
        feedService();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.redis.hosts", TestRedis.shared().uri());
        config.put("shutter.post-service.host", "127.0.0.1");
        config.put("shutter.post-service.port", port);
        // In @QuarkusTest a gRPC client's port is otherwise replaced by this application's own.
        config.put("quarkus.grpc.clients.post-query.test-port", port);
        config.put("shutter.service-auth.key-file", posts().serviceKey().toString());
        config.put("shutter.models.local.root", TestModels.store().toString());
        config.put("shutter.data-dir", TestModels.work().resolve("explore-data").toString());
        return config;
    }

    @Override
    public void stop() {
        // The services stay up for the whole run; the shutdown hooks stop them.
    }
}
