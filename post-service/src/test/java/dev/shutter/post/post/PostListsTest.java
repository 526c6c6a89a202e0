package dev.shutter.post.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures.Created;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile grid and the saved list: order, cursor paging, limits, visibility. */
@QuarkusTest
class PostListsTest {

    @Inject
    PostFixtures fixtures;

    @Test
    void gridPagesThroughReadyPostsNewestFirstWithoutRepeats() {
        TestUser author = Api.newUser("grid");
        TestUser viewer = Api.newUser("gridsee");
        List<Created> posts = fixtures.readyPosts(author, 5);
        fixtures.create(author, "still processing", "image/jpeg");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<Integer> pageSizes = new ArrayList<>();
        do {
            var request = viewer.request().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/users/" + author.userId() + "/posts").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.postId", String.class);
            pageSizes.add(ids.size());
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        List<String> newestFirst = posts.stream().map(Created::postId)
                .sorted(Comparator.comparingLong((String id) -> Long.parseLong(id)).reversed()).toList();
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pageSizes).containsExactly(2, 2, 1);

        // The author's grid is the same: processing posts are followed through GET /v1/posts/{id}, not the grid.
        author.request().get("/v1/users/" + author.userId() + "/posts").then().statusCode(200)
                .body("items", hasSize(5))
                .body("items[0].postId", equalTo(newestFirst.getFirst()))
                .body("items[0].author.username", equalTo(author.username()))
                .body("nextCursor", nullValue());
    }

    @Test
    void gridLimitsAndCursorsAreChecked() {
        TestUser author = Api.newUser("gridlim");
        String grid = "/v1/users/" + author.userId() + "/posts";
        author.request().queryParam("limit", 51).get(grid).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        author.request().queryParam("limit", 0).get(grid).then().statusCode(422);
        author.request().queryParam("limit", 50).get(grid).then().statusCode(200).body("items", hasSize(0));
        author.request().queryParam("limit", "ten").get(grid).then().statusCode(400).contentType("application/problem+json");
        author.request().queryParam("cursor", "not-a-cursor").get(grid).then().statusCode(400).contentType("application/problem+json");
        // A cursor of another list is no cursor of this one.
        author.request().queryParam("cursor", PageRequest.encode("s1", 1, 2)).get(grid).then().statusCode(400);
    }

    @Test
    void gridOfAPrivateAccountIsForFollowersOnly() {
        TestUser author = Api.newUser("gridpriv");
        TestUser stranger = Api.newUser("gridstranger");
        TestUser follower = Api.newUser("gridfollower");
        author.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        fixtures.follow(follower.userId(), author.userId());
        fixtures.ready(author, "private grid");

        stranger.request().get("/v1/users/" + author.userId() + "/posts").then().statusCode(404).contentType("application/problem+json");
        follower.request().get("/v1/users/" + author.userId() + "/posts").then().statusCode(200).body("items", hasSize(1));
        author.request().get("/v1/users/" + author.userId() + "/posts").then().statusCode(200).body("items", hasSize(1));
        stranger.request().get("/v1/users/42/posts").then().statusCode(404);
        stranger.request().get("/v1/users/nobody/posts").then().statusCode(404);
    }

    @Test
    void savedListIsNewestSaveFirstPagedAndSkipsWhatTheUserCannotSee() {
        TestUser author = Api.newUser("savedauthor");
        TestUser hiddenAuthor = Api.newUser("savedhidden");
        TestUser user = Api.newUser("saver");
        List<Created> posts = fixtures.readyPosts(author, 3);
        Created hidden = fixtures.ready(hiddenAuthor, "later private");
        hiddenAuthor.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);

        // Saved in another order than posted, and two at the very same instant (the cursor breaks the tie by post ID).
        Instant base = Instant.parse("2026-05-01T10:00:00.123456Z");
        fixtures.save(user.userId(), posts.get(1).postId(), base);
        fixtures.save(user.userId(), posts.get(0).postId(), base.plusSeconds(60));
        fixtures.save(user.userId(), posts.get(2).postId(), base.plusSeconds(60));
        fixtures.save(user.userId(), hidden.postId(), base.plusSeconds(120));
        List<String> expected = List.of(posts.get(2).postId(), posts.get(0).postId(), posts.get(1).postId());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = user.request().queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/me/saved").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.postId", String.class));
            assertThat(page.getList("items.savedByMe", Boolean.class)).doesNotContain(false);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).as("the newest save's page is empty: its author turned private").isEqualTo(4);
        user.request().get("/v1/me/saved").then().statusCode(200).body("items", hasSize(3)).body("nextCursor", nullValue());
        user.request().queryParam("limit", 51).get("/v1/me/saved").then().statusCode(422);
        user.request().queryParam("cursor", PageRequest.encode("g1", 5)).get("/v1/me/saved").then().statusCode(400);
    }
}
