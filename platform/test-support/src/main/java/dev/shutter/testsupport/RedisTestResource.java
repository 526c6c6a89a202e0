package dev.shutter.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} application at the JVM's shared test Redis. */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", TestRedis.shared().uri());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped at exit.
    }
}
