package dev.shutter.post.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.post.post.PostFixtures.Created;
import dev.shutter.testsupport.TestOpenSearch;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine stopped mid-test: search answers 503 with Retry-After, everything else keeps working,
 * and once the engine is back every change made meanwhile reaches the index.
 */
@QuarkusTest
class SearchOutageTest {

    @Inject
    PostFixtures fixtures;

    @Test
    void searchIs503WhileTheEngineIsDownAndCatchesUpWithNothingLost() {
        TestUser author = Api.newUser("outage");
        TestUser fan = Api.newUser("outagefan");
        String tag = HashtagSearchTest.unique("blackout");
        Created before = fixtures.ready(author, "#" + tag);
        await().atMost(Duration.ofSeconds(30)).until(() -> HashtagSearchTest.ids(fan, tag, "recent").contains(before.postId()));

        TestOpenSearch engine = TestOpenSearch.shared();
        engine.stop();
        Created during;
        try {
            fan.request().queryParam("sort", "recent").get("/v1/hashtags/" + tag + "x/posts").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("status", equalTo(503));
            fan.request().queryParam("q", "outage").get("/v1/search/users").then().statusCode(503);
            fan.request().queryParam("q", tag).get("/v1/search/hashtags").then().statusCode(503);

            // Posting, liking and deleting do not notice.
            during = fixtures.ready(author, "#" + tag + " during the outage");
            fan.request().put("/v1/posts/" + before.postId() + "/like").then().statusCode(200);
            author.request().body(Map.of("displayName", "Renamed " + tag)).patch("/v1/me").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> Integer.parseInt(fixtures.queryString(
                    "SELECT count(*) FROM search_queue")) > 0);
        } finally {
            engine.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> HashtagSearchTest.ids(fan, tag, "recent")
                .equals(java.util.List.of(during.postId(), before.postId())));
        await().atMost(Duration.ofSeconds(30)).until(() -> UserSearchTest.usernames(fan, "renamed " + tag)
                .contains(author.username()));
        await().atMost(Duration.ofSeconds(30)).until(() -> HashtagSearchTest.ids(fan, tag, "top").getFirst()
                .equals(before.postId()));
        assertThat(fixtures.queryString("SELECT count(*) FROM search_queue")).isEqualTo("0");
    }
}
