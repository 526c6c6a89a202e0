package dev.shutter.post.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.post.post.PostFixtures.Created;
import dev.shutter.serviceauth.ServiceCredentials;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operators' rebuild: a new index behind the aliases, built from the store, with search answering throughout. */
@QuarkusTest
class SearchRebuildTest {

    @Inject
    PostFixtures fixtures;

    @Inject
    ServiceCredentials credentials;

    @Test
    void rebuildSwapsInANewIndexWithEverythingAndSearchAnswersThroughout() {
        TestUser author = Api.newUser("rebuild");
        String tag = HashtagSearchTest.unique("rebuilt");
        Created post = fixtures.ready(author, "#" + tag);
        await().atMost(Duration.ofSeconds(30)).until(() -> HashtagSearchTest.ids(author, tag, "recent").contains(post.postId()));
        String before = SearchIndexProbe.indexBehind("posts-read");
        // A document only the store knows about (the index lost it): the rebuild brings it back. Deleted
        // again until it stays gone for two drains, since a redelivered event may re-index it first.
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (!SearchIndexProbe.indexed("posts", post.id())) {
                return true;
            }
            SearchIndexProbe.delete("/posts-write/_doc/" + post.id() + "?refresh=true");
            return false;
        });

        given().post("/internal/search/rebuild").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + credentials.token()).post("/internal/search/rebuild")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            // Search keeps answering while the rebuild runs.
            HashtagSearchTest.ids(author, tag, "recent");
            return given().header("Authorization", "Bearer " + credentials.token()).get("/internal/search/rebuild")
                    .then().statusCode(200).extract().path("finishedAt") != null;
        });

        assertThat(given().header("Authorization", "Bearer " + credentials.token()).get("/internal/search/rebuild")
                .then().extract().<String>path("failure")).isNull();
        assertThat(SearchIndexProbe.indexBehind("posts-read")).isNotEqualTo(before).isEqualTo(SearchIndexProbe.indexBehind("posts-write"));
        assertThat(SearchIndexProbe.get("/" + before).statusCode()).as("old index dropped").isEqualTo(404);
        // Page 1 may come from the hot-tag cache for one TTL more.
        await().atMost(Duration.ofSeconds(10)).until(() -> HashtagSearchTest.ids(author, tag, "recent").equals(java.util.List.of(post.postId())));
        assertThat(UserSearchTest.usernames(author, author.username())).containsExactly(author.username());

        // Indexing carries on into the new index.
        Created after = fixtures.ready(author, "#" + tag + " after");
        await().atMost(Duration.ofSeconds(30)).until(() -> HashtagSearchTest.ids(author, tag, "recent").contains(after.postId()));
    }
}
