package dev.shutter.media;

import dev.shutter.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Real Redis for the events, and buckets in a temp dir of the run's own; one application for every test class. */
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(TestServers.DataDir.class)
public final class TestServers {

    private TestServers() {}

    public static class DataDir implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                return Map.of("shutter.data-dir", Files.createTempDirectory("media-worker-test-").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            // Left for inspection after a failure; the OS cleans temp.
        }
    }
}
