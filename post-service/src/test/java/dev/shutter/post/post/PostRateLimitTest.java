package dev.shutter.post.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real limit of 100 posts a day, through the real endpoint and Redis. */
@QuarkusTest
class PostRateLimitTest {

    @Test
    void hundredPostsADayThenA429WithRetryAfterInvalidRequestsDoNotCount() {
        TestUser user = Api.newUser("prolific");
        Map<String, Object> valid = Map.of("caption", "again", "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", 10)));
        for (int i = 0; i < 5; i++) {
            user.request().body(Map.of("caption", "none", "media", List.of())).post("/v1/posts").then().statusCode(422);
        }
        for (int i = 0; i < 100; i++) {
            user.request().body(valid).post("/v1/posts").then().statusCode(201);
        }
        String retryAfter = user.request().body(valid).post("/v1/posts").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .extract().header("Retry-After");
        // The window slides: the first post frees a slot a day after it was made.
        assertThat(Long.parseLong(retryAfter)).isBetween(86_000L, 86_400L);

        Api.newUser("other").request().body(valid).post("/v1/posts").then().statusCode(201);
    }
}
