package dev.shutter.post.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/search/users} against the real OpenSearch node. */
@QuarkusTest
class UserSearchTest {

    private static final Duration INDEXED = Duration.ofSeconds(30);

    @Inject
    PostFixtures fixtures;

    @Test
    void findsPrefixesOfUsernamesAndDisplayNameWordsWithoutAccentsOrCase() {
        String stem = HashtagSearchTest.unique("jose");
        TestUser jose = Api.newUser("u" + stem);
        jose.request().body(Map.of("displayName", "José Núñez " + stem)).patch("/v1/me").then().statusCode(200);
        TestUser reader = Api.newUser("reader");

        await().atMost(INDEXED).until(() -> usernames(reader, "NUNEZ " + stem).contains(jose.username()));
        assertThat(usernames(reader, "núñ " + stem.toUpperCase())).containsExactly(jose.username());
        assertThat(usernames(reader, "u" + stem.substring(0, 6))).contains(jose.username());
        assertThat(usernames(reader, "@" + jose.username())).containsExactly(jose.username());
    }

    @Test
    void exactUsernameFirstThenFollowedAccountsThenByFollowerCount() {
        String stem = "rk" + HashtagSearchTest.unique("").substring(1);
        TestUser reader = Api.newUser("rankreader");
        // Usernames all start with the stem; the exact one is the stem itself.
        TestUser exact = signUp(stem);
        TestUser followed = signUp(stem + "_followed");
        TestUser popular = signUp(stem + "_popular");
        TestUser quiet = signUp(stem + "_quiet");
        fixtures.follow(reader.userId(), followed.userId());
        List<TestUser> fans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser fan = Api.newUser("rankfan");
            fan.request().put("/v1/users/" + popular.userId() + "/follow").then().statusCode(200);
            fans.add(fan);
        }
        fans.getFirst().request().put("/v1/users/" + quiet.userId() + "/follow").then().statusCode(200);

        List<String> expected = List.of(exact.username(), followed.username(), popular.username(), quiet.username());
        await().atMost(INDEXED).until(() -> usernames(reader, stem).equals(expected));

        // Paged one by one, the same order, no repeats.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = reader.request().queryParam("q", stem).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/search/users").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.username", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(paged).isEqualTo(expected);
    }

    @Test
    void anErasedAccountNeverAppears() {
        String stem = HashtagSearchTest.unique("gone");
        TestUser leaving = signUp(stem);
        TestUser reader = Api.newUser("reader");
        await().atMost(INDEXED).until(() -> usernames(reader, stem).contains(leaving.username()));

        leaving.request().delete("/v1/me").then().statusCode(202);
        assertThat(usernames(reader, stem)).isEmpty();
        await().atMost(INDEXED).until(() -> !SearchIndexProbe.indexed("users", Long.parseLong(leaving.userId())));
        await().atMost(INDEXED).until(() -> "1".equals(fixtures.queryString(
                "SELECT count(*) FROM erasures WHERE user_id = ? AND store = 'search-index' AND finished_at IS NOT NULL",
                Long.parseLong(leaving.userId()))));
    }

    static List<String> usernames(TestUser reader, String q) {
        return reader.request().queryParam("q", q).get("/v1/search/users")
                .then().statusCode(200).extract().jsonPath().getList("items.username", String.class);
    }

    private static TestUser signUp(String username) {
        String password = "correct horse battery";
        String userId = io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", password))
                .post("/v1/accounts").then().statusCode(201).extract().path("userId");
        Map<String, Object> tokens = io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/v1/sessions").then().statusCode(200).extract().as(Map.class);
        return new TestUser(userId, username, (String) tokens.get("accessToken"), (String) tokens.get("refreshToken"));
    }
}
