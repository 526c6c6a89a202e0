package dev.shutter.post.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.testsupport.TestRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A password-guessing flood is limited per account, with Redis and without it. */
@QuarkusTest
class SignInLimitTest {

    @Test
    void guessingOneAccountsPasswordIsLimitedAndTheRightPasswordWaitsToo() {
        TestUser user = Api.newUser("guess"); // signs in once: the first of the ten attempts
        for (int i = 0; i < 8; i++) {
            signIn(user.username(), "wrong password " + i).then().statusCode(401);
        }
        signIn(user.username(), "correct horse battery").then().statusCode(200); // the tenth attempt
        Response limited = signIn(user.username(), "correct horse battery");
        limited.then().statusCode(429).contentType("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 15L * 60);
        // Case and spaces do not make another account of it.
        signIn(" " + user.username().toUpperCase() + " ", "wrong").then().statusCode(429);
        // Another account is not affected.
        TestUser other = Api.newUser("notguessed");
        signIn(other.username(), "correct horse battery").then().statusCode(200);
    }

    @Test
    void withRedisDownTheLimitIsKeptInTheProcess() {
        TestUser user = Api.newUser("guessdown");
        TestRedis.shared().stop();
        try {
            for (int i = 0; i < 10; i++) {
                signIn(user.username(), "wrong password " + i).then().statusCode(401);
            }
            signIn(user.username(), "wrong password again").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        } finally {
            TestRedis.shared().start();
        }
    }

    private static Response signIn(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password)).post("/v1/sessions");
    }
}
