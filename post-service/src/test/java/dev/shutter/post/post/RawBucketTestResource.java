package dev.shutter.post.post;

import dev.shutter.testsupport.FreePort;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Points the raw bucket's signed URLs at a free local port, with a known signing key, so that a
 * test can serve them with the real {@link dev.shutter.blobs.local.LocalBlobHttpServer} (see
 * {@link PostFixtures#blobEndpoint()}) and upload as a client would.
 */
public class RawBucketTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of(
                "shutter.raw.local.public-base-url", "http://127.0.0.1:" + FreePort.find(),
                "shutter.raw.local.signing-key", HexFormat.of().formatHex(key));
    }

    @Override
    public void stop() {
        // The endpoint is stopped with the application (PostFixtures); nothing else to release.
    }
}
