package dev.shutter.post;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Talks to the running service as a client would: sign up, sign in, authenticated requests. */
public final class Api {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Api() {}

    /** A signed-up and signed-in user. */
    public record TestUser(String userId, String username, String accessToken, String refreshToken) {

        public RequestSpecification request() {
            return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + accessToken);
        }
    }

    public static String uniqueUsername(String prefix) {
        return prefix + "_" + System.nanoTime() % 1_000_000_000L + "_" + SEQUENCE.incrementAndGet();
    }

    public static TestUser newUser(String prefix) {
        String username = uniqueUsername(prefix);
        String userId = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", "correct horse battery"))
                .post("/v1/accounts")
                .then().statusCode(201)
                .extract().path("userId");
        Map<String, Object> tokens = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "correct horse battery"))
                .post("/v1/sessions")
                .then().statusCode(200)
                .extract().as(Map.class);
        return new TestUser(userId, username, (String) tokens.get("accessToken"), (String) tokens.get("refreshToken"));
    }
}
