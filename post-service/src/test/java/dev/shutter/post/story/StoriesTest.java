package dev.shutter.post.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.StoryExpired;
import dev.shutter.contracts.events.v1.StoryPublished;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.post.reactive.IsolatedContext;
import io.vertx.core.Vertx;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stories against the real PostgreSQL and Redis, with the media worker's verdicts over the real
 * event bus. Stories live 20 s here ({@code %test.shutter.stories.ttl}), so expiry happens in the run.
 */
@QuarkusTest
class StoriesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PostFixtures fixtures;
    @Inject
    StoryViews views;
    @Inject
    StoryErasure erasure;
    @Inject
    StorySweeper sweeper;
    @Inject
    RedisDataSource redis;
    @Inject
    Vertx vertx;

    record Created(long storyId, long mediaId, MediaRef item, Instant expiresAt) {}

    @BeforeEach
    void listen() {
        fixtures.listen("story.published");
        fixtures.listen("story.expired");
    }

    @Test
    void aStoryGoesLiveOnceItsMediaIsProcessedAndIsNeverServedAfterItsExpiry() {
        TestUser author = Api.newUser("storyteller");
        TestUser reader = Api.newUser("reader");
        fixtures.follow(reader.userId(), author.userId());
        Created story = create(author, "image/jpeg");
        assertThat(story.expiresAt()).isBetween(Instant.now().plusSeconds(15), Instant.now().plusSeconds(21));
        author.request().get("/v1/stories/" + story.storyId()).then().statusCode(200).body("status", equalTo("processing"));
        reader.request().get("/v1/stories/" + story.storyId()).then().statusCode(404);

        MediaProcessed verdict = processedImage(story);
        fixtures.processed(verdict);
        fixtures.processed(verdict);
        JsonPath shown = awaitLive(reader, story);
        String storyUrl = shown.getString("media.variants.story");
        assertThat(shown.getString("media.variants.thumb")).isNotNull();
        assertThat(shown.getString("author.username")).isEqualTo(author.username());
        assertThat(grantExpiry(storyUrl)).as("the media URL ends with the story").isBeforeOrEqualTo(story.expiresAt());
        await().atMost(WAIT).until(() -> trayStories(reader, author).equals(List.of(Long.toString(story.storyId()))));
        fixtures.awaitRelayed("story.published", Long.toString(story.storyId()));
        assertThat(fixtures.received("story.published", StoryPublished.parser(), e -> e.getStoryId() == story.storyId()))
                .as("published once, though the verdict came twice").hasSize(1);

        await().atMost(WAIT).until(() -> !Instant.now().isBefore(story.expiresAt()));
        Instant expired = Instant.now();
        reader.request().get("/v1/stories/" + story.storyId()).then().statusCode(404);
        reader.request().post("/v1/stories/" + story.storyId() + "/views").then().statusCode(404);
        assertThat(trayStories(reader, author)).isEmpty();
        assertThat(Duration.between(story.expiresAt(), expired)).as("checked at once, not by a sweeper").isLessThan(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> !fixtures.received("story.expired", StoryExpired.parser(),
                e -> e.getStoryId() == story.storyId()).isEmpty());
        // The owner still sees who viewed it, for a while after expiry.
        author.request().get("/v1/stories/" + story.storyId() + "/viewers").then().statusCode(200);
    }

    @Test
    void theTrayShowsFollowedAccountsWithLiveStoriesOwnFirstThenUnseenAndPrivateOnlyToApprovedFollowers() {
        TestUser reader = Api.newUser("trayreader");
        TestUser open = Api.newUser("open");
        TestUser approved = Api.newUser("approved");
        TestUser pending = Api.newUser("pending");
        TestUser stranger = Api.newUser("stranger");
        makePrivate(approved);
        makePrivate(pending);
        fixtures.follow(reader.userId(), open.userId());
        fixtures.follow(reader.userId(), approved.userId());
        fixtures.requestFollow(reader.userId(), pending.userId());
        Created openStory = live(open, reader);
        Created approvedStory = live(approved, reader);
        Created pendingStory = live(pending, pending);
        Created own = live(reader, reader);

        List<String> order = tray(reader).getList("items.author.userId", String.class);
        assertThat(order).containsExactly(reader.userId(), approved.userId(), open.userId());
        assertThat(tray(reader).getList("items.stories.flatten().seen", Boolean.class)).containsOnly(false);

        reader.request().post("/v1/stories/" + approvedStory.storyId() + "/views").then().statusCode(204);
        JsonPath after = tray(reader);
        assertThat(after.getList("items.author.userId", String.class))
                .as("an account whose stories are all seen goes after the unseen ones")
                .containsExactly(reader.userId(), open.userId(), approved.userId());
        assertThat(after.getBoolean("items[2].stories[0].seen")).isTrue();

        // Private stories: 404 to a stranger and to a follower not yet approved, on every path.
        for (TestUser outsider : List.of(stranger, reader)) {
            outsider.request().get("/v1/stories/" + pendingStory.storyId()).then().statusCode(404);
            outsider.request().post("/v1/stories/" + pendingStory.storyId() + "/views").then().statusCode(404);
        }
        stranger.request().get("/v1/stories/" + approvedStory.storyId()).then().statusCode(404);
        stranger.request().get("/v1/stories/" + openStory.storyId()).then().statusCode(200);
        assertThat(tray(stranger).getList("items")).isEmpty();
        reader.request().get("/v1/stories/" + own.storyId()).then().statusCode(200);
    }

    @Test
    void viewsAreIdempotentTheOwnersAreNotCountedAndOnlyTheOwnerSeesTheViewers() {
        TestUser author = Api.newUser("viewed");
        TestUser first = Api.newUser("first");
        TestUser second = Api.newUser("second");
        Created story = live(author, first);
        for (TestUser viewer : List.of(first, first, second, author)) {
            viewer.request().post("/v1/stories/" + story.storyId() + "/views").then().statusCode(204);
        }
        JsonPath viewers = author.request().get("/v1/stories/" + story.storyId() + "/viewers").then().statusCode(200)
                .extract().jsonPath();
        assertThat(viewers.getLong("viewerCount")).isEqualTo(2);
        assertThat(viewers.getList("items.username", String.class)).containsExactly(second.username(), first.username());
        first.request().get("/v1/stories/" + story.storyId() + "/viewers").then().statusCode(404);

        JsonPath page = author.request().queryParam("limit", 1).get("/v1/stories/" + story.storyId() + "/viewers")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.username", String.class)).containsExactly(second.username());
        author.request().queryParam("limit", 1).queryParam("cursor", page.getString("nextCursor"))
                .get("/v1/stories/" + story.storyId() + "/viewers")
                .then().statusCode(200).body("items.username", equalTo(List.of(first.username()))).body("nextCursor", equalTo(null));
    }

    @Test
    void aFirstViewIsOneInteractionWithTheAuthorsNewestPostAndOutlivesTheStory() {
        fixtures.listen("engagement");
        TestUser author = Api.newUser("storyposter");
        TestUser viewer = Api.newUser("storyfan");
        TestUser postless = Api.newUser("nopostsyet");
        fixtures.ready(author, "older");
        String newest = fixtures.ready(author, "newest").postId();
        Created story = live(author, author);
        Created bare = live(postless, postless);

        for (int i = 0; i < 3; i++) {
            viewer.request().post("/v1/stories/" + story.storyId() + "/views").then().statusCode(204);
        }
        viewer.request().post("/v1/stories/" + bare.storyId() + "/views").then().statusCode(204);
        author.request().post("/v1/stories/" + story.storyId() + "/views").then().statusCode(204);

        fixtures.awaitRelayed("engagement", newest);
        List<Engagement> views = storyViews(story.storyId());
        assertThat(views).hasSize(1);
        assertThat(views.getFirst().getPostId()).isEqualTo(Long.parseLong(newest));
        assertThat(views.getFirst().getUserId()).isEqualTo(Long.parseLong(viewer.userId()));
        assertThat(views.getFirst().getAuthorId()).isEqualTo(Long.parseLong(author.userId()));
        // An author with no post gives nothing to learn from: a row, no event.
        assertThat(storyViews(bare.storyId())).isEmpty();
        assertThat(fixtures.queryString("SELECT count(*) FROM story_views WHERE viewer_id = ?", Long.parseLong(viewer.userId())))
                .isEqualTo("2");
        assertThat(fixtures.queryString("SELECT post_id FROM story_views WHERE story_id = ?", story.storyId())).isEqualTo(newest);
        assertThat(fixtures.queryString("SELECT count(*) FROM story_views WHERE viewer_id = ?", Long.parseLong(author.userId())))
                .as("the owner's own views are not counted").isEqualTo("0");

        // Redis lost the view (restart without persistence): the retry counts it again, the row and event stay one.
        redis.key().del(StoryKeys.seen(Long.parseLong(viewer.userId())), StoryKeys.viewers(story.storyId()));
        viewer.request().post("/v1/stories/" + story.storyId() + "/views").then().statusCode(204);
        author.request().get("/v1/stories/" + story.storyId() + "/viewers").then().statusCode(200)
                .body("items.userId", hasItem(viewer.userId()));
        fixtures.awaitRelayed("engagement", newest);
        assertThat(storyViews(story.storyId())).hasSize(1);

        // The row outlives the story: the sweeper removes it only after shutter.stories.views-kept.
        fixtures.update("UPDATE story_views SET viewed_at = viewed_at - interval '31 days' WHERE story_id = ?", story.storyId());
        assertThat(IsolatedContext.run(vertx, () -> sweeper.removeOldViews(Instant.now().minus(Duration.ofDays(30))))
                .await().atMost(WAIT)).isGreaterThanOrEqualTo(1);
        assertThat(fixtures.queryString("SELECT count(*) FROM story_views WHERE story_id = ?", story.storyId())).isEqualTo("0");
    }

    private List<Engagement> storyViews(long storyId) {
        return fixtures.received("engagement", Engagement.parser(),
                e -> e.getAction() == Engagement.Action.STORY_VIEW && e.getStoryId() == storyId);
    }

    @Test
    void whenRedisLosesTheStoriesTheTrayAndViewersAreRebuiltFromTheRows() {
        TestUser author = Api.newUser("rebuilt");
        TestUser reader = Api.newUser("rereader");
        fixtures.follow(reader.userId(), author.userId());
        Created story = live(author, reader);
        reader.request().post("/v1/stories/" + story.storyId() + "/views").then().statusCode(204);
        assertThat(seenFlags(reader, author)).containsExactly(true);

        // What a Redis restart without persistence leaves: none of the story's keys, nor the marker.
        redis.key().del(StoryKeys.live(Long.parseLong(author.userId())), StoryKeys.card(story.storyId()),
                StoryKeys.viewers(story.storyId()), StoryKeys.viewerCount(story.storyId()),
                StoryKeys.seen(Long.parseLong(reader.userId())), StoryKeys.indexBuilt());

        // The repair notices within a sweep interval and rebuilds: the tray, the seen ring and the viewers are back.
        await().atMost(WAIT).until(() -> redis.key().exists(StoryKeys.indexBuilt()));
        assertThat(seenFlags(reader, author)).containsExactly(true);
        author.request().get("/v1/stories/" + story.storyId() + "/viewers").then().statusCode(200)
                .body("viewerCount", equalTo(1)).body("items.userId", hasItem(reader.userId()));
    }

    private static List<Boolean> seenFlags(TestUser reader, TestUser author) {
        List<Map<String, Object>> items = tray(reader).getList("items");
        return items.stream()
                .filter(item -> author.userId().equals(((Map<?, ?>) item.get("author")).get("userId")))
                .flatMap(item -> ((List<?>) item.get("stories")).stream())
                .map(story -> (Boolean) ((Map<?, ?>) story).get("seen"))
                .toList();
    }

    @Test
    void fiveThousandConcurrentViewsOfOneStoryAreCountedExactly() {
        TestUser author = Api.newUser("popular");
        Created story = live(author, author);
        long base = 9_000_000_000L + System.nanoTime() % 1_000_000_000L;
        List<Boolean> first = Multi.createFrom().items(LongStream.range(0, 5_000).boxed())
                .onItem().transformToUni(i -> IsolatedContext.run(vertx, () -> views.view(base + i, story.storyId()))).merge(256)
                .collect().asList().await().atMost(Duration.ofSeconds(90));
        assertThat(first).hasSize(5_000).containsOnly(true);
        author.request().get("/v1/stories/" + story.storyId() + "/viewers").then().statusCode(200)
                .body("viewerCount", equalTo(5_000));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        TestUser author = Api.newUser("badstory");
        author.request().body(Map.of()).post("/v1/stories").then().statusCode(422).body("errors.field", hasItem("media"));
        author.request().body(Map.of("media", Map.of("mimeType", "text/plain", "sizeBytes", 10))).post("/v1/stories")
                .then().statusCode(415).body("errors.field", hasItem("media.mimeType"));
        author.request().body(Map.of("media", Map.of("mimeType", "image/jpeg", "sizeBytes", 31L * 1024 * 1024))).post("/v1/stories")
                .then().statusCode(413).body("errors.field", hasItem("media.sizeBytes"));
        author.request().get("/v1/stories/123456789").then().statusCode(404).contentType("application/problem+json");
        author.request().get("/v1/stories/not-an-id").then().statusCode(404);
        author.request().post("/v1/stories/123456789/views").then().statusCode(404);

        Created clip = create(author, "video/mp4");
        fixtures.processed(processedVideo(clip, 20_000));
        await().atMost(WAIT).until(() -> "failed".equals(author.request().get("/v1/stories/" + clip.storyId())
                .then().extract().path("status")));
        assertThat((String) author.request().get("/v1/stories/" + clip.storyId()).then().extract().path("failureReason"))
                .contains("15 seconds");
    }

    @Test
    void erasureTakesTheAccountsStoriesAndItsViewsOfOthers() {
        TestUser gone = Api.newUser("erased");
        TestUser friend = Api.newUser("friend");
        fixtures.follow(friend.userId(), gone.userId());
        Created own = live(gone, friend);
        Created theirs = live(friend, friend);
        gone.request().post("/v1/stories/" + theirs.storyId() + "/views").then().statusCode(204);
        friend.request().get("/v1/stories/" + theirs.storyId() + "/viewers").then().body("viewerCount", equalTo(1));

        long removed = IsolatedContext.run(vertx, () -> erasure.erase(Long.parseLong(gone.userId()))).await().atMost(WAIT);
        // Its story, its place among the viewers of theirs, and its first-view row.
        assertThat(removed).isEqualTo(3);
        assertThat(fixtures.queryString("SELECT count(*) FROM story_views WHERE viewer_id = ? OR author_id = ?",
                Long.parseLong(gone.userId()), Long.parseLong(gone.userId()))).isEqualTo("0");
        assertThat(fixtures.queryString("SELECT count(*) FROM stories WHERE author_id = ?", Long.parseLong(gone.userId())))
                .isEqualTo("0");
        assertThat(trayStories(friend, gone)).isEmpty();
        friend.request().get("/v1/stories/" + own.storyId()).then().statusCode(404);
        friend.request().get("/v1/stories/" + theirs.storyId() + "/viewers").then().body("viewerCount", equalTo(0));
        assertThat(IsolatedContext.run(vertx, () -> erasure.erase(Long.parseLong(gone.userId()))).await().atMost(WAIT)).as("again: nothing left").isZero();
    }

    private Created create(TestUser author, String mimeType) {
        JsonPath body = author.request().body(Map.of("media", Map.of("mimeType", mimeType, "sizeBytes", 1024)))
                .post("/v1/stories").then().statusCode(201).extract().jsonPath();
        String path = URI.create(body.getString("upload.url")).getPath();
        MediaRef item = ObjectKeys.parseUpload(path.substring(path.indexOf("story-uploads/"))).orElseThrow();
        assertThat(item.isStory()).isTrue();
        return new Created(body.getLong("storyId"), body.getLong("upload.mediaId"), item, Instant.parse(body.getString("expiresAt")));
    }

    /** A story processed as a photo, live once {@code reader} can see it. */
    private Created live(TestUser author, TestUser reader) {
        Created story = create(author, "image/jpeg");
        fixtures.processed(processedImage(story));
        awaitLive(author, story);
        // In the tray index (kept by story.published) of anyone who follows the author.
        await().atMost(WAIT).until(() -> trayStories(reader, author).contains(Long.toString(story.storyId()))
                || reader != author && !fixtures.received("story.published", StoryPublished.parser(),
                        e -> e.getStoryId() == story.storyId()).isEmpty() && fixtures.queryString(
                        "SELECT count(*) FROM follows WHERE follower_id = ? AND followee_id = ? AND state = 'following'",
                        Long.parseLong(reader.userId()), Long.parseLong(author.userId())).equals("0"));
        return story;
    }

    private JsonPath awaitLive(TestUser viewer, Created story) {
        await().atMost(WAIT).until(() -> isLive(viewer, story));
        return viewer.request().get("/v1/stories/" + story.storyId()).then().statusCode(200).extract().jsonPath();
    }

    private boolean isLive(TestUser viewer, Created story) {
        return "ready".equals(viewer.request().get("/v1/stories/" + story.storyId()).then().extract().path("status"));
    }

    private static MediaProcessed processedImage(Created story) {
        String base = ObjectKeys.processedPrefix(story.item());
        return MediaProcessed.newBuilder().setStory(true).setPostId(story.storyId()).setMediaId(story.mediaId()).setType("image")
                .putVariants("story", base + "story.webp").putVariants("story.jpeg", base + "story.jpeg")
                .putVariants("thumb", base + "thumb.webp")
                .setWidth(1080).setHeight(1920).setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj").build();
    }

    private static MediaProcessed processedVideo(Created story, long durationMs) {
        String base = ObjectKeys.processedPrefix(story.item());
        return MediaProcessed.newBuilder().setStory(true).setPostId(story.storyId()).setMediaId(story.mediaId()).setType("video")
                .setHlsKey(base + "master.m3u8").setPosterKey(base + "poster.webp")
                .setWidth(1080).setHeight(1920).setDurationMs(durationMs).build();
    }

    private static JsonPath tray(TestUser reader) {
        return reader.request().get("/v1/stories/tray").then().statusCode(200).extract().jsonPath();
    }

    /** The story IDs of {@code author} in the reader's tray; of every author when null. */
    private static List<String> trayStories(TestUser reader, TestUser author) {
        JsonPath tray = tray(reader);
        List<Map<String, Object>> items = tray.getList("items");
        return items.stream()
                .filter(item -> author == null || author.userId().equals(((Map<?, ?>) item.get("author")).get("userId")))
                .flatMap(item -> ((List<?>) item.get("stories")).stream())
                .map(story -> (String) ((Map<?, ?>) story).get("storyId"))
                .toList();
    }

    private static Instant grantExpiry(String url) {
        String query = URI.create(url).getQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("X-Shutter-Expires=")) {
                return Instant.ofEpochSecond(Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
            }
        }
        throw new AssertionError("no grant in " + url);
    }

    private static void makePrivate(TestUser user) {
        user.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
    }
}
