package dev.shutter.post;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A data dir of its own for the test run: signing keys and uploaded blobs. */
public class PostServiceTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("post-service-test-");
            return Map.of("shutter.data-dir", dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The temp dir goes with the machine's temp cleanup; tests may inspect it after a failure.
    }
}
