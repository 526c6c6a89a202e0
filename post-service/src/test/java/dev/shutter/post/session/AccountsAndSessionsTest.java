package dev.shutter.post.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountsAndSessionsTest {

    @Test
    void signUpValidatesEachFieldWithProblemJson() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "Bad Name!", "email", "not-an-email", "password", "short"))
                .post("/v1/accounts")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem("username"))
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON).body("{\"username\": ")
                .post("/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void takenUsernameAndEmailAreConflicts() {
        String username = Api.uniqueUsername("dup");
        Map<String, String> body = Map.of("username", username, "email", username + "@example.com", "password", "0123456789");
        given().contentType(ContentType.JSON).body(body).post("/v1/accounts").then().statusCode(201)
                .body("userId", notNullValue()).body("username", equalTo(username));

        given().contentType(ContentType.JSON).body(body).post("/v1/accounts")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString(username));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username + "x", "email", username.toUpperCase() + "@EXAMPLE.com", "password", "0123456789"))
                .post("/v1/accounts")
                .then().statusCode(409).body("detail", containsString("email"));
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSame401() {
        TestUser user = Api.newUser("pw");
        String wrong = given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", "wrong password!"))
                .post("/v1/sessions").then().statusCode(401).contentType("application/problem+json").extract().path("detail");
        String unknown = given().contentType(ContentType.JSON).body(Map.of("username", "nobody_" + user.username(), "password", "whatever123"))
                .post("/v1/sessions").then().statusCode(401).extract().path("detail");
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void accessTokenOpensMeAndItsAbsenceIsA401() {
        TestUser user = Api.newUser("me");
        given().get("/v1/me").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not.a.jwt").get("/v1/me").then().statusCode(401);

        user.request().get("/v1/me").then().statusCode(200)
                .body("userId", equalTo(user.userId()))
                .body("username", equalTo(user.username()))
                .body("followerCount", equalTo(0))
                .body("isPrivate", equalTo(false));
    }

    @Test
    void patchChangesProfileAndValidates() {
        TestUser user = Api.newUser("patch");
        user.request().body(Map.of("displayName", "Ada", "bio", "hello", "isPrivate", true)).patch("/v1/me")
                .then().statusCode(200).body("displayName", equalTo("Ada")).body("bio", equalTo("hello")).body("isPrivate", equalTo(true));
        user.request().body(Map.of("bio", "x".repeat(501))).patch("/v1/me")
                .then().statusCode(422).body("errors[0].field", equalTo("bio"));
        user.request().get("/v1/me").then().body("bio", equalTo("hello"));
        // Profile text follows the captions' rule: controls, NUL and bidi overrides go, limits count what is stored.
        user.request().body(Map.of("displayName", "Ad\u0000a\u202E", "bio", "line\r\nbreak\u0007")).patch("/v1/me")
                .then().statusCode(200).body("displayName", equalTo("Ada")).body("bio", equalTo("line\nbreak"));
        user.request().body(Map.of("displayName", "\u0000\u202E ")).patch("/v1/me")
                .then().statusCode(422).body("errors[0].field", equalTo("displayName"));
        user.request().body(Map.of("bio", "\u0000".repeat(600) + "ok")).patch("/v1/me").then().statusCode(200).body("bio", equalTo("ok"));
        // Sign-in fields are bounded: nobody makes the server hash a megabyte.
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", "x".repeat(100_000)))
                .post("/v1/sessions").then().statusCode(422).body("errors[0].field", equalTo("password"));
    }

    @Test
    void refreshRotatesAndReusingASpentTokenRevokesTheFamily() {
        TestUser user = Api.newUser("refresh");
        Map<String, Object> second = refresh(user.refreshToken()).then().statusCode(200).extract().as(Map.class);
        assertThat(second.get("refreshToken")).isNotEqualTo(user.refreshToken());
        given().header("Authorization", "Bearer " + second.get("accessToken")).get("/v1/me").then().statusCode(200);

        // The second was spent too; presenting the first now is a replay (no lost answer: its
        // successor was used), which kills the whole family.
        Map<String, Object> third = refresh((String) second.get("refreshToken")).then().statusCode(200).extract().as(Map.class);
        refresh(user.refreshToken()).then().statusCode(401).contentType("application/problem+json");
        refresh((String) third.get("refreshToken")).then().statusCode(401);
    }

    @Test
    void signOutRevokesTheRefreshFamily() {
        TestUser user = Api.newUser("logout");
        user.request().delete("/v1/sessions/current").then().statusCode(204);
        refresh(user.refreshToken()).then().statusCode(401);
    }

    @Test
    void garbageRefreshTokenIsA401() {
        refresh("rt.1.2.not-a-real-secret-at-all").then().statusCode(401);
        refresh("nonsense").then().statusCode(401);
    }

    @Test
    void jwksPublishesTheSigningKey() {
        TestUser user = Api.newUser("jwks");
        String kid = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .extract().path("keys[0].kid");
        String header = new String(java.util.Base64.getUrlDecoder().decode(user.accessToken().split("\\.")[0]));
        assertThat(header).contains("\"kid\":\"" + kid + "\"");
    }

    @Test
    void erasureRequestIsAcceptedAndEndsTheAccountsSessions() {
        TestUser user = Api.newUser("erase");
        user.request().delete("/v1/me").then().statusCode(202);
        refresh(user.refreshToken()).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", "correct horse battery"))
                .post("/v1/sessions").then().statusCode(401);
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).post("/v1/sessions/refresh");
    }
}
