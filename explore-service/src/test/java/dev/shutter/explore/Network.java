package dev.shutter.explore;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.testsupport.TestRedis;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network the Explore tests build through post-service's public API, as its users would;
 * only the media worker is played by the test (announcing uploads processed on the real bus).
 */
public final class Network {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final Duration WAIT = Duration.ofSeconds(60);
    private static RedisStreamEventBus bus;

    private Network() {}

    public record User(String userId, String username, String accessToken) {

        public long id() {
            return Long.parseLong(userId);
        }

        public RequestSpecification posts() {
            return given().baseUri(ExploreStackResource.postService().toString()).contentType(ContentType.JSON)
                    .header("Authorization", "Bearer " + accessToken);
        }

        /** explore-service, the application under test. */
        public RequestSpecification explore() {
            return given().header("Authorization", "Bearer " + accessToken);
        }

        public RequestSpecification feed() {
            return given().baseUri(ExploreStackResource.feedService().toString())
                    .header("Authorization", "Bearer " + accessToken);
        }
    }

    public static User newUser(String prefix) {
        String username = prefix + "_" + System.nanoTime() % 1_000_000_000L + "_" + SEQUENCE.incrementAndGet();
        RequestSpecification anonymous = given().baseUri(ExploreStackResource.postService().toString())
                .contentType(ContentType.JSON);
        String userId = anonymous.body(Map.of("username", username, "email", username + "@example.com",
                        "password", "correct horse battery"))
                .post("/v1/accounts").then().statusCode(201).extract().path("userId");
        String token = given().baseUri(ExploreStackResource.postService().toString()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "correct horse battery"))
                .post("/v1/sessions").then().statusCode(200).extract().path("accessToken");
        return new User(userId, username, token);
    }

    public static void follow(User follower, User followee) {
        follower.posts().put("/v1/users/" + followee.userId() + "/follow").then().statusCode(200);
    }

    public static void makePrivate(User user) {
        user.posts().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
    }

    public static void like(User user, String postId) {
        user.posts().put("/v1/posts/" + postId + "/like").then().statusCode(200);
    }

    /** A photo post, processed (as the media worker would announce it) and ready; its ID. */
    public static String post(User author, String caption) {
        JsonPath created = author.posts()
                .body(Map.of("caption", caption, "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", 1024))))
                .post("/v1/posts").then().statusCode(201).extract().jsonPath();
        String postId = created.getString("postId");
        long mediaId = Long.parseLong(created.getString("uploads[0].mediaId"));
        String base = "media/" + postId + "/" + mediaId + "/";
        MediaProcessed processed = MediaProcessed.newBuilder()
                .setPostId(Long.parseLong(postId)).setMediaId(mediaId).setType("image")
                .putVariants("thumb", base + "thumb.webp").putVariants("medium", base + "medium.webp")
                .putVariants("hq", base + "hq.webp")
                .setWidth(1080).setHeight(1350).setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                .setMeanColour(MediaProcessed.MeanColour.newBuilder().setRed(0.8f).setGreen(0.5f).setBlue(0.2f))
                .build();
        bus().publish(EventTypes.MEDIA_PROCESSED, postId, processed).await().atMost(WAIT);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> "ready".equals(
                author.posts().get("/v1/posts/" + postId).then().extract().path("status")));
        return postId;
    }

    /** A photo story, processed (as the media worker would announce it) and live; its ID. */
    public static String story(User author) {
        JsonPath created = author.posts().body(Map.of("media", Map.of("mimeType", "image/jpeg", "sizeBytes", 1024)))
                .post("/v1/stories").then().statusCode(201).extract().jsonPath();
        String storyId = created.getString("storyId");
        String path = URI.create(created.getString("upload.url")).getPath();
        MediaRef item = ObjectKeys.parseUpload(path.substring(path.indexOf("story-uploads/"))).orElseThrow();
        String base = ObjectKeys.processedPrefix(item);
        MediaProcessed processed = MediaProcessed.newBuilder().setStory(true)
                .setPostId(Long.parseLong(storyId)).setMediaId(item.mediaId()).setType("image")
                .putVariants("story", base + "story.webp").putVariants("thumb", base + "thumb.webp")
                .setWidth(1080).setHeight(1920).setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                .build();
        bus().publish(EventTypes.MEDIA_PROCESSED, storyId, processed).await().atMost(WAIT);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> "ready".equals(
                author.posts().get("/v1/stories/" + storyId).then().extract().path("status")));
        return storyId;
    }

    public static void viewStory(User viewer, String storyId) {
        viewer.posts().post("/v1/stories/" + storyId + "/views").then().statusCode(204);
    }

    private static synchronized RedisStreamEventBus bus() {
        if (bus == null) {
            bus = RedisStreamEventBus.create(TestRedis.shared().uri());
        }
        return bus;
    }
}
