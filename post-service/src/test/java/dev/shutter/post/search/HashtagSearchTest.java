package dev.shutter.post.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.post.post.PostFixtures.Created;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hashtag pages and suggestions against the real OpenSearch node, fed through the events bus. */
@QuarkusTest
class HashtagSearchTest {

    private static final Duration INDEXED = Duration.ofSeconds(30);

    @Inject
    PostFixtures fixtures;

    @Test
    void tagsMatchWhateverTheCaseAndUnicodeFormTheReaderTypes() {
        TestUser author = Api.newUser("tagcase");
        TestUser reader = Api.newUser("tagreader");
        String tag = unique("café");
        // Written decomposed (e + combining acute): captions are NFC, so it is the same tag.
        Created post = fixtures.ready(author, "Morning #" + tag.replace("é", "e\u0301").toUpperCase());

        await().atMost(INDEXED).until(() -> ids(reader, tag, "recent").contains(post.postId()));
        assertThat(ids(reader, tag.toUpperCase(), "recent")).containsExactly(post.postId());
        assertThat(ids(reader, "#" + tag.replace("é", "e\u0301"), "recent")).containsExactly(post.postId());
        assertThat(ids(reader, tag, "top")).containsExactly(post.postId());
    }

    @Test
    void recentIsNewestFirstAndTopFollowsEngagementWithinSeconds() {
        TestUser author = Api.newUser("tagtop");
        List<TestUser> fans = List.of(Api.newUser("fan"), Api.newUser("fan"), Api.newUser("fan"));
        String tag = unique("sunset");
        Created first = fixtures.ready(author, "one #" + tag);
        Created second = fixtures.ready(author, "two #" + tag);
        Created third = fixtures.ready(author, "three #" + tag);
        await().atMost(INDEXED).until(() -> ids(fans.getFirst(), tag, "recent").size() == 3);
        assertThat(ids(fans.getFirst(), tag, "recent")).containsExactly(third.postId(), second.postId(), first.postId());

        // The oldest post gets three likes and a comment: it outranks newer posts without any.
        fans.forEach(fan -> fan.request().put("/v1/posts/" + first.postId() + "/like").then().statusCode(200));
        fans.getFirst().request().body(Map.of("text", "lovely")).post("/v1/posts/" + first.postId() + "/comments")
                .then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> ids(fans.getFirst(), tag, "top").getFirst().equals(first.postId()));
        assertThat(ids(fans.getFirst(), tag, "recent")).containsExactly(third.postId(), second.postId(), first.postId());
    }

    @Test
    void aPrivateAccountsPostsNeverAppearAndComeBackWhenItTurnsPublic() {
        TestUser author = Api.newUser("tagpriv");
        TestUser follower = Api.newUser("tagfollower");
        String tag = unique("secret");
        Created post = fixtures.ready(author, "#" + tag);
        fixtures.follow(follower.userId(), author.userId());
        await().atMost(INDEXED).until(() -> ids(follower, tag, "recent").contains(post.postId()));

        author.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        // Not even for an approved follower, and gone from the index itself, not only from the page.
        assertThat(ids(follower, tag, "recent")).isEmpty();
        await().atMost(INDEXED).until(() -> !SearchIndexProbe.indexed("posts", post.id()));
        assertThat(suggestions(follower, tag)).isEmpty();

        author.request().body(Map.of("isPrivate", false)).patch("/v1/me").then().statusCode(200);
        await().atMost(INDEXED).until(() -> ids(follower, tag, "recent").contains(post.postId()));
    }

    @Test
    void aDeletedPostLeavesAndReplayedEventsNeverBringItBack() {
        TestUser author = Api.newUser("tagdel");
        String tag = unique("gone");
        Created post = fixtures.ready(author, "#" + tag);
        await().atMost(INDEXED).until(() -> SearchIndexProbe.indexed("posts", post.id()));

        author.request().delete("/v1/posts/" + post.postId()).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SearchIndexProbe.indexed("posts", post.id()));

        // The same events again, the publication last (as a redelivery out of order would): still gone.
        fixtures.publish(EventTypes.POST_DELETED, post.postId(), PostDeleted.newBuilder().setPostId(post.id())
                .setAuthorId(Long.parseLong(author.userId())).build());
        fixtures.publish(EventTypes.POST_PUBLISHED, post.postId(), PostPublished.newBuilder().setPostId(post.id())
                .setAuthorId(Long.parseLong(author.userId())).addHashtags(tag).build());
        awaitQueueEmpty();
        assertThat(SearchIndexProbe.indexed("posts", post.id())).isFalse();
        assertThat(ids(author, tag, "recent")).isEmpty();
    }

    @Test
    void suggestionsArePrefixesMostUsedFirstWithExactCounts() {
        TestUser author = Api.newUser("tagsugg");
        String stem = unique("trav").replace("_", "");
        for (int i = 0; i < 3; i++) {
            fixtures.ready(author, "#" + stem + "el " + i);
        }
        fixtures.ready(author, "#" + stem + "eling");
        await().atMost(INDEXED).until(() -> suggestions(author, stem).size() == 2);
        JsonPath page = author.request().queryParam("q", "#" + stem.toUpperCase()).get("/v1/search/hashtags")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.tag", String.class)).containsExactly(stem + "el", stem + "eling");
        assertThat(page.getList("items.postCount", Integer.class)).containsExactly(3, 1);
        assertThat(page.getString("nextCursor")).isNull();
    }

    @Test
    void pageOneOfATagIsKeptInRedisForTheConfiguredTime() {
        TestUser author = Api.newUser("taghot");
        String tag = unique("hot");
        Created post = fixtures.ready(author, "#" + tag);
        await().atMost(INDEXED).until(() -> ids(author, tag, "top").contains(post.postId()));

        String key = "search:tag:top:50:" + tag;
        long ttl = redis().send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.PTTL).arg(key))
                .await().atMost(Duration.ofSeconds(5)).toLong();
        assertThat(ttl).isBetween(1L, config.hotTagTtl().toMillis());
        // What is kept is IDs and the cursor, never the post itself.
        String cached = redis().send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.GET).arg(key))
                .await().atMost(Duration.ofSeconds(5)).toString();
        assertThat(cached).isEqualTo(post.postId() + "|");
    }

    @Inject
    io.vertx.mutiny.redis.client.Redis redisClient;

    @Inject
    SearchConfig config;

    io.vertx.mutiny.redis.client.Redis redis() {
        return redisClient;
    }

    @Test
    void badInputIsAProblemNeverA500() {
        TestUser user = Api.newUser("tagbad");
        user.request().get("/v1/hashtags/no-dashes/posts").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("tag"));
        user.request().get("/v1/hashtags/" + "a".repeat(101) + "/posts").then().statusCode(422);
        user.request().queryParam("sort", "best").get("/v1/hashtags/travel/posts").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sort"));
        user.request().queryParam("cursor", "not-a-cursor").get("/v1/hashtags/travel/posts").then().statusCode(400)
                .contentType("application/problem+json");
        // A cursor of the other sort is no cursor of this list.
        user.request().queryParam("sort", "top").queryParam("cursor", dev.shutter.rest.paging.Cursors.encode("hr1", 1, 2))
                .get("/v1/hashtags/travel/posts").then().statusCode(400);
        user.request().queryParam("q", "").get("/v1/search/hashtags").then().statusCode(422);
        user.request().queryParam("q", "a b").get("/v1/search/hashtags").then().statusCode(422);
        user.request().queryParam("q", "").get("/v1/search/users").then().statusCode(422);
        user.request().queryParam("q", "x".repeat(65)).get("/v1/search/users").then().statusCode(422);
        user.request().queryParam("q", "...").get("/v1/search/users").then().statusCode(422);
        user.request().queryParam("q", "a").queryParam("cursor", "!!").get("/v1/search/users").then().statusCode(400);
        io.restassured.RestAssured.given().get("/v1/hashtags/travel/posts").then().statusCode(401);
    }

    static List<String> ids(TestUser reader, String tag, String sort) {
        return reader.request().queryParam("sort", sort).queryParam("limit", 50)
                .get("/v1/hashtags/" + tag + "/posts")
                .then().statusCode(200).extract().jsonPath().getList("items.postId", String.class);
    }

    static List<String> suggestions(TestUser reader, String prefix) {
        return reader.request().queryParam("q", prefix).get("/v1/search/hashtags")
                .then().statusCode(200).extract().jsonPath().getList("items.tag", String.class);
    }

    void awaitQueueEmpty() {
        await().atMost(INDEXED).until(() -> "0".equals(fixtures.queryString("SELECT count(*) FROM search_queue")));
    }

    /** A tag no other test uses (letters and digits only, lower case). */
    static String unique(String stem) {
        return stem + "x" + Long.toString(System.nanoTime() % 10_000_000_000L, 36);
    }
}
