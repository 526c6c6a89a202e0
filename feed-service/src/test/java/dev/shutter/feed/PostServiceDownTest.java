package dev.shutter.feed;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.shutter.feed.Network.User;
import dev.shutter.testsupport.FreePort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * post-service out of reach: tokens still verify (the public key comes from its file here), but
 * every gRPC call fails to connect. The feed answers 503 with Retry-After, never a 500.
 */
@QuarkusTest
@TestProfile(PostServiceDownTest.Unreachable.class)
class PostServiceDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String closed = Integer.toString(FreePort.find());
            return Map.of(
                    "quarkus.grpc.clients.post-query.test-port", closed,
                    "quarkus.grpc.clients.post-query.port", closed,
                    "mp.jwt.verify.publickey.location", PostServiceResource.publicKey().toUri().toString());
        }
    }

    @Test
    void feedAnswers503WithRetryAfter() {
        User reader = Network.newUser("ua");
        reader.feed().get("/v1/feed").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", not(equalTo(null)))
                .body("status", equalTo(503))
                .body("detail", not(containsString("127.0.0.1")));
    }
}
