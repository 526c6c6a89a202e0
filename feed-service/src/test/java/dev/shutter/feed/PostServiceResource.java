package dev.shutter.feed;

import dev.shutter.testsupport.TestPostService;
import dev.shutter.testsupport.TestRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real post-service (platform/test-support's {@link TestPostService}), once for the whole
 * test run, with the feed's small celebrity threshold; feed-service is pointed at it (gRPC, JWKS)
 * and at the same Redis.
 */
public class PostServiceResource implements QuarkusTestResourceLifecycleManager {

    /** Small, so celebrity behaviour is testable with a handful of accounts; the same for both services. */
    public static final int CELEBRITY_THRESHOLD = 5;

    static TestPostService postService() {
        return TestPostService.shared("feed_test_posts",
                Map.of("shutter.celebrities.threshold", Integer.toString(CELEBRITY_THRESHOLD)));
    }

    public static URI baseUri() {
        return postService().baseUri();
    }

    /** The public half of the key post-service signs access tokens with. */
    public static Path publicKey() {
        return postService().publicKey();
    }

    @Override
    public Map<String, String> start() {
        String port = Integer.toString(postService().port());
        return Map.of(
                "quarkus.redis.hosts", TestRedis.shared().uri(),
                "shutter.post-service.host", "127.0.0.1",
                "shutter.post-service.port", port,
                // In @QuarkusTest a gRPC client's port is otherwise replaced by this application's own.
                "quarkus.grpc.clients.post-query.test-port", port,
                "shutter.celebrities.threshold", Integer.toString(CELEBRITY_THRESHOLD),
                "shutter.service-auth.key-file", postService().serviceKey().toString());
    }

    @Override
    public void stop() {
        // post-service stays up for the whole run; the shutdown hook stops it.
    }
}
