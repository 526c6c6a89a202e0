package dev.shutter.post.post;

import dev.shutter.contracts.media.ObjectKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures.Created;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who sees a post, who may delete it, and what a viewer's own relation to it shows. */
@QuarkusTest
class PostVisibilityTest {

    @Inject
    PostFixtures fixtures;

    @Test
    void privateAccountsPostsAre404ToStrangersAndPendingRequestersAndVisibleToFollowers() {
        TestUser author = Api.newUser("private");
        TestUser stranger = Api.newUser("stranger");
        TestUser requester = Api.newUser("requester");
        TestUser follower = Api.newUser("follower");
        author.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        fixtures.requestFollow(requester.userId(), author.userId());
        fixtures.follow(follower.userId(), author.userId());
        Created post = fixtures.ready(author, "for friends only");

        String unknown = stranger.request().get("/v1/posts/1").then().statusCode(404).extract().asString();
        String hidden = stranger.request().get("/v1/posts/" + post.postId()).then().statusCode(404)
                .contentType("application/problem+json").extract().asString();
        assertThat(hidden).as("a hidden post looks exactly like a missing one").isEqualTo(unknown);
        requester.request().get("/v1/posts/" + post.postId()).then().statusCode(404);

        String thumb = follower.request().get("/v1/posts/" + post.postId()).then().statusCode(200)
                .body("author.isPrivate", equalTo(true))
                .body("media[0].variants.thumb", startsWith("http://localhost:8080/media/"
                        + ObjectKeys.processed(PostFixtures.item(post.id(), post.mediaId(0)), "thumb.webp") + "?"))
                .body("media[0].variants.thumb", containsString("X-Shutter-Signature="))
                // The grant covers the item's folder: a private video's HLS tree plays with it.
                .body("media[0].variants.thumb", containsString("X-Shutter-Prefix="))
                .extract().path("media[0].variants.thumb");
        long expires = Long.parseLong(query(thumb).get("X-Shutter-Expires"));
        assertThat(expires - Instant.now().getEpochSecond()).as("private media URLs expire after an hour").isBetween(3500L, 3600L);
        author.request().get("/v1/posts/" + post.postId()).then().statusCode(200);
    }

    @Test
    void publicAccountsPostsAreVisibleToAnyoneWithPlainCdnUrls() {
        TestUser author = Api.newUser("public");
        TestUser stranger = Api.newUser("passerby");
        Created post = fixtures.ready(author, "for everyone");
        stranger.request().get("/v1/posts/" + post.postId()).then().statusCode(200)
                .body("media[0].variants.hq", equalTo("http://localhost:8080/media/"
                        + ObjectKeys.processed(PostFixtures.item(post.id(), post.mediaId(0)), "hq.webp")));
    }

    @Test
    void postsStillProcessingAreTheAuthorsAlone() {
        TestUser author = Api.newUser("proc");
        TestUser stranger = Api.newUser("procsee");
        Created post = fixtures.create(author, "not yet", "image/jpeg");
        stranger.request().get("/v1/posts/" + post.postId()).then().statusCode(404);
        author.request().get("/v1/posts/" + post.postId()).then().statusCode(200).body("status", equalTo("processing"));
    }

    @Test
    void postsOfAnErasedAccountDisappear() {
        TestUser author = Api.newUser("erased");
        TestUser viewer = Api.newUser("erasedsee");
        Created post = fixtures.ready(author, "soon gone");
        viewer.request().get("/v1/posts/" + post.postId()).then().statusCode(200);
        author.request().delete("/v1/me").then().statusCode(202);
        viewer.request().get("/v1/posts/" + post.postId()).then().statusCode(404);
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        TestUser viewer = Api.newUser("ids");
        viewer.request().get("/v1/posts/999999999999").then().statusCode(404).contentType("application/problem+json");
        viewer.request().get("/v1/posts/not-a-number").then().statusCode(404).contentType("application/problem+json");
        viewer.request().get("/v1/posts/-5").then().statusCode(404);
    }

    @Test
    void onlyTheAuthorDeletesOthersGet403IfTheySeeThePostElse404() {
        TestUser author = Api.newUser("owner");
        TestUser other = Api.newUser("other");
        Created open = fixtures.ready(author, "public one");
        other.request().delete("/v1/posts/" + open.postId()).then().statusCode(403).contentType("application/problem+json");

        TestUser privateAuthor = Api.newUser("privowner");
        TestUser follower = Api.newUser("privfollower");
        privateAuthor.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        fixtures.follow(follower.userId(), privateAuthor.userId());
        Created hidden = fixtures.ready(privateAuthor, "private one");
        other.request().delete("/v1/posts/" + hidden.postId()).then().statusCode(404);
        follower.request().delete("/v1/posts/" + hidden.postId()).then().statusCode(403);

        author.request().get("/v1/posts/" + open.postId()).then().statusCode(200);
        privateAuthor.request().get("/v1/posts/" + hidden.postId()).then().statusCode(200);
    }

    @Test
    void countsAndTheViewersOwnLikeAndSaveAreShown() {
        TestUser author = Api.newUser("counted");
        TestUser fan = Api.newUser("fan");
        Created post = fixtures.ready(author, "popular");
        // Engagement writes these; here they are set directly.
        fixtures.update("INSERT INTO counter_shards (entity_id, name, shard, value) VALUES (?, 'likes', 1, 2), (?, 'likes', 7, 3),"
                + " (?, 'comments', 0, 4), (?, 'saves', 2, 1)", post.id(), post.id(), post.id(), post.id());
        fixtures.update("INSERT INTO likes (user_id, post_id, created_at) VALUES (?, ?, now())", Long.parseLong(fan.userId()), post.id());
        fixtures.save(fan.userId(), post.postId(), Instant.now());

        fan.request().get("/v1/posts/" + post.postId()).then().statusCode(200)
                .body("likeCount", equalTo(5)).body("commentCount", equalTo(4)).body("saveCount", equalTo(1))
                .body("likedByMe", equalTo(true)).body("savedByMe", equalTo(true));
        author.request().get("/v1/posts/" + post.postId()).then().statusCode(200)
                .body("likeCount", equalTo(5)).body("likedByMe", equalTo(false)).body("savedByMe", equalTo(false));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new java.util.HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return parameters;
    }
}
