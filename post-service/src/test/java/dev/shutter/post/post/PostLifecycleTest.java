package dev.shutter.post.post;

import dev.shutter.contracts.media.ObjectKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures.Created;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A post from upload to publication and deletion, against the real pieces: the signed URL is
 * used with the real local blob endpoint, the media worker's verdicts travel over the real Redis
 * Streams bus, and `post.published` / `post.deleted` are read back from it as the feed would.
 */
@QuarkusTest
class PostLifecycleTest {

    private static final String PUBLISHED = "post.published";
    private static final String DELETED = "post.deleted";

    @Inject
    PostFixtures fixtures;

    @BeforeEach
    void listen() {
        fixtures.listen(PUBLISHED);
        fixtures.listen(DELETED);
    }

    @Test
    void uploadUrlTakesTheAnnouncedObjectAndNothingElse() {
        TestUser user = Api.newUser("upload");
        Created post = fixtures.create(user, "upload", "image/jpeg", "image/png");
        Map<String, Object> upload = post.uploads().get(0);
        String key = ObjectKeys.upload(PostFixtures.item(post.id(), post.mediaId(0)));

        assertThat(fixtures.upload(upload, new byte[1025])).as("more bytes than announced").isEqualTo(413);
        assertThat(fixtures.put((String) upload.get("url"), Map.of("Content-Type", "image/png"), new byte[10]))
                .as("another content type than announced").isEqualTo(415);
        String otherKey = ((String) upload.get("url")).replace(post.mediaIds().get(0), post.mediaIds().get(1));
        assertThat(fixtures.put(otherKey, Map.of("Content-Type", "image/jpeg"), new byte[10]))
                .as("the URL of one key used for another").isEqualTo(403);
        assertThat(fixtures.rawObjectExists(key)).isFalse();

        assertThat(fixtures.upload(upload, new byte[1024])).isEqualTo(200);
        assertThat(fixtures.rawObjectExists(key)).isTrue();
        assertThat(fixtures.upload(upload, new byte[1024])).as("an upload URL works once").isEqualTo(412);
        assertThat(Instant.parse((String) upload.get("expiresAt")))
                .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(15)));
    }

    @Test
    void processedMediaPublishTheReadyPostOnceAndCountIt() {
        TestUser user = Api.newUser("publish");
        Created post = fixtures.create(user, "Golden hour #Travel #italy", "image/jpeg", "video/mp4");
        user.request().get("/v1/posts/" + post.postId()).then().statusCode(200)
                .body("status", equalTo("processing"))
                .body("media", hasSize(2))
                .body("media[0].status", equalTo("pending"));

        MediaProcessed image = PostFixtures.processedImage(post.id(), post.mediaId(0));
        fixtures.awaitHandled("media.processed", 2, () -> {
            fixtures.processed(image);
            fixtures.processed(image);
        });
        user.request().get("/v1/posts/" + post.postId()).then().body("status", equalTo("processing"));

        fixtures.processed(PostFixtures.processedVideo(post.id(), post.mediaId(1)));
        fixtures.awaitStatus(user, post.postId(), "ready");

        // Redelivered verdicts, both items at once: nothing changes any more.
        fixtures.awaitHandled("media.processed", 2, () -> {
            fixtures.processed(image);
            fixtures.processed(PostFixtures.processedVideo(post.id(), post.mediaId(1)));
        });
        fixtures.awaitRelayed(PUBLISHED, post.postId());
        List<PostPublished> published = fixtures.received(PUBLISHED, PostPublished.parser(), e -> e.getPostId() == post.id());
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().getAuthorId()).isEqualTo(Long.parseLong(user.userId()));
        assertThat(published.getFirst().getHashtagsList()).containsExactly("travel", "italy");
        assertThat(published.getFirst().getAuthorPrivate()).isFalse();
        assertThat(published.getFirst().getAuthorFollowerCount()).isZero();
        assertThat(published.getFirst().getCreatedAt().getSeconds()).isEqualTo(Snowflake.timestampOf(post.id()).getEpochSecond());
        user.request().get("/v1/me").then().body("postCount", equalTo(1));
        // The photo's mean colour is kept with its media (Explore's models read it); a video has none.
        String colour = "SELECT mean_red || ',' || mean_green || ',' || mean_blue FROM media_items WHERE media_id = ?";
        assertThat(fixtures.queryString(colour, post.mediaId(0))).isEqualTo("0.25,0.5,0.75");
        assertThat(fixtures.queryString(colour, post.mediaId(1))).isNull();

        String photo = "http://localhost:8080/media/" + ObjectKeys.processedPrefix(PostFixtures.item(post.id(), post.mediaId(0)));
        String video = "http://localhost:8080/media/" + ObjectKeys.processedPrefix(PostFixtures.item(post.id(), post.mediaId(1)));
        user.request().get("/v1/posts/" + post.postId()).then().statusCode(200)
                .body("postId", equalTo(post.postId()))
                .body("status", equalTo("ready"))
                .body("author.userId", equalTo(user.userId()))
                .body("author.username", equalTo(user.username()))
                .body("author", org.hamcrest.Matchers.hasKey("avatarUrl"))
                .body("caption", equalTo("Golden hour #Travel #italy"))
                .body("hashtags", equalTo(List.of("travel", "italy")))
                .body("media[0].mediaId", equalTo(post.mediaIds().get(0)))
                .body("media[0].type", equalTo("image"))
                .body("media[0].variants.thumb", equalTo(photo + "thumb.webp"))
                .body("media[0].variants.medium", equalTo(photo + "medium.webp"))
                .body("media[0].variants.hq", equalTo(photo + "hq.webp"))
                .body("media[0].width", equalTo(1080))
                .body("media[0].height", equalTo(1350))
                .body("media[0].blurhash", equalTo("LEHV6nWB2yk8pyo0adR*.7kCMdnj"))
                .body("media[1].type", equalTo("video"))
                .body("media[1].hls", equalTo(video + "master.m3u8"))
                .body("media[1].poster", equalTo(video + "poster.webp"))
                .body("media[1].durationMs", equalTo(15000))
                .body("media[1].variants", nullValue())
                .body("likeCount", equalTo(0))
                .body("commentCount", equalTo(0))
                .body("saveCount", equalTo(0))
                .body("likedByMe", equalTo(false))
                .body("savedByMe", equalTo(false))
                .body("createdAt", equalTo(Snowflake.timestampOf(post.id()).toString()));
    }

    @Test
    void verdictsForAllItemsOfAPostAtOnceStillPublishItExactlyOnce() {
        TestUser user = Api.newUser("race");
        Created post = fixtures.create(user, "four at once", "image/jpeg", "image/png", "image/webp", "image/heic");
        List<MediaProcessed> verdicts = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                verdicts.add(PostFixtures.processedImage(post.id(), post.mediaId(i)));
            }
        }
        // Twelve deliveries, handled four at a time by the subscription: items of one post settle concurrently.
        fixtures.awaitHandled("media.processed", verdicts.size(), () -> verdicts.parallelStream().forEach(fixtures::processed));

        fixtures.awaitStatus(user, post.postId(), "ready");
        fixtures.awaitRelayed(PUBLISHED, post.postId());
        assertThat(fixtures.received(PUBLISHED, PostPublished.parser(), e -> e.getPostId() == post.id())).hasSize(1);
        user.request().get("/v1/me").then().body("postCount", equalTo(1));
    }

    @Test
    void failedMediaFailThePostWithTheReasonAndRemoveItsUploads() {
        TestUser user = Api.newUser("fail");
        TestUser stranger = Api.newUser("failsee");
        Created post = fixtures.create(user, "broken", "image/jpeg", "image/jpeg");
        assertThat(fixtures.upload(post.uploads().get(0), new byte[1024])).isEqualTo(200);
        assertThat(fixtures.upload(post.uploads().get(1), new byte[1024])).isEqualTo(200);

        fixtures.failed(post.id(), post.mediaId(1), "not a supported image (magic bytes)");
        fixtures.awaitStatus(user, post.postId(), "failed");
        user.request().get("/v1/posts/" + post.postId()).then().statusCode(200)
                .body("failureReason", equalTo("not a supported image (magic bytes)"))
                .body("media[1].status", equalTo("failed"));
        stranger.request().get("/v1/posts/" + post.postId()).then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> !fixtures.rawObjectExists(ObjectKeys.upload(PostFixtures.item(post.id(), post.mediaId(0))))
                && !fixtures.rawObjectExists(ObjectKeys.upload(PostFixtures.item(post.id(), post.mediaId(1)))));

        // The other item's verdict arriving late does not revive the post.
        fixtures.awaitHandled("media.processed", 1, () -> fixtures.processed(PostFixtures.processedImage(post.id(), post.mediaId(0))));
        user.request().get("/v1/posts/" + post.postId()).then().body("status", equalTo("failed"));
        fixtures.drain(PUBLISHED);
        assertThat(fixtures.received(PUBLISHED, PostPublished.parser(), e -> e.getPostId() == post.id())).isEmpty();
        user.request().get("/v1/me").then().body("postCount", equalTo(0));
    }

    @Test
    void aVideoLongerThan90SecondsFailsThePost() {
        TestUser user = Api.newUser("longvideo");
        Created post = fixtures.create(user, "too long", "video/quicktime");
        fixtures.processed(PostFixtures.processedVideo(post.id(), post.mediaId(0)).toBuilder().setDurationMs(90_001).build());
        fixtures.awaitStatus(user, post.postId(), "failed");
        user.request().get("/v1/posts/" + post.postId()).then().body("failureReason", equalTo("video is longer than 90 seconds"));
    }

    @Test
    void verdictsAboutUnknownPostsOrMediaAreAcknowledgedAndIgnored() {
        TestUser user = Api.newUser("unknown");
        Created post = fixtures.create(user, "real", "image/jpeg");
        fixtures.awaitHandled("media.processed", 3, () -> {
            fixtures.processed(PostFixtures.processedImage(123_456_789L, 987_654_321L));
            // A real media item named with another post's ID is not that post's.
            fixtures.processed(PostFixtures.processedImage(post.id() + 1, post.mediaId(0)));
            fixtures.processed(PostFixtures.processedImage(post.id(), post.mediaId(0)));
        });
        fixtures.awaitHandled("media.failed", 1, () -> fixtures.failed(123_456_789L, 987_654_321L, "gone"));
        fixtures.awaitStatus(user, post.postId(), "ready");
    }

    @Test
    void authorDeletesAPostWhichIsAnnouncedAndUncounted() {
        TestUser user = Api.newUser("delete");
        Created post = fixtures.create(user, "short-lived", "image/jpeg");
        assertThat(fixtures.upload(post.uploads().get(0), new byte[1024])).isEqualTo(200);
        fixtures.processed(PostFixtures.processedImage(post.id(), post.mediaId(0)));
        fixtures.awaitStatus(user, post.postId(), "ready");
        user.request().get("/v1/me").then().body("postCount", equalTo(1));
        fixtures.update("INSERT INTO comments (post_id, comment_id, author_id, body, created_at) VALUES (?, ?, ?, 'nice', now())",
                post.id(), post.id() + 1, Long.parseLong(user.userId()));
        fixtures.update("INSERT INTO counter_shards (entity_id, name, shard, value) VALUES (?, 'comments', 0, 1)", post.id());

        user.request().delete("/v1/posts/" + post.postId()).then().statusCode(204);

        user.request().get("/v1/posts/" + post.postId()).then().statusCode(404).contentType("application/problem+json");
        user.request().delete("/v1/posts/" + post.postId()).then().statusCode(404);
        user.request().get("/v1/me").then().body("postCount", equalTo(0));
        fixtures.awaitRelayed(DELETED, post.postId());
        List<PostDeleted> deleted = fixtures.received(DELETED, PostDeleted.parser(), e -> e.getPostId() == post.id());
        assertThat(deleted).hasSize(1);
        assertThat(deleted.getFirst().getAuthorId()).isEqualTo(Long.parseLong(user.userId()));
        for (String table : List.of("posts", "media_items", "comments")) {
            assertThat(fixtures.queryString("SELECT count(*) FROM " + table + " WHERE post_id = ?", post.id())).as(table).isEqualTo("0");
        }
        assertThat(fixtures.queryString("SELECT count(*) FROM counter_shards WHERE entity_id = ?", post.id())).isEqualTo("0");
        await().atMost(Duration.ofSeconds(10)).until(() -> !fixtures.rawObjectExists(ObjectKeys.upload(PostFixtures.item(post.id(), post.mediaId(0)))));
    }

    @Test
    void deletingAPostStillProcessingLeavesThePostCountAlone() {
        TestUser user = Api.newUser("delproc");
        Created post = fixtures.create(user, "never finished", "image/jpeg");
        user.request().delete("/v1/posts/" + post.postId()).then().statusCode(204);
        user.request().get("/v1/me").then().body("postCount", equalTo(0));
        // Its upload URL, still unexpired, no longer takes anything.
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.upload(post.uploads().get(0), new byte[1024]) == 412);
        assertThat(fixtures.rawObjectExists(ObjectKeys.upload(PostFixtures.item(post.id(), post.mediaId(0))))).isFalse();
        // Its verdict arriving afterwards finds nothing to do.
        fixtures.awaitHandled("media.processed", 1, () -> fixtures.processed(PostFixtures.processedImage(post.id(), post.mediaId(0))));
        user.request().get("/v1/posts/" + post.postId()).then().statusCode(404);
        user.request().get("/v1/me").then().body("postCount", equalTo(0));
    }
}
