package dev.shutter.post.engagement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.shutter.contracts.events.v1.Engagement.Action;
import dev.shutter.ids.IdGenerator;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CommentsTest {

    private final EngagementStream stream = EngagementStream.shared();

    @Inject
    AgroalDataSource db;

    @Inject
    IdGenerator ids;

    private Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(db, ids);
    }

    @Test
    void commentIsCreatedCountedAnnouncedAndListed() {
        TestUser author = Api.newUser("author");
        TestUser fan = Api.newUser("fan");
        long post = fixtures.readyPost(author);
        Instant before = Instant.now().minusSeconds(1);

        JsonPath created = fan.request().body(Map.of("text", "  Lovely light!  ")).post(comments(post))
                .then().statusCode(201)
                .body("postId", equalTo(Long.toString(post)))
                .body("author.userId", equalTo(fan.userId()))
                .body("author.username", equalTo(fan.username()))
                .body("author.avatarUrl", nullValue())
                .body("text", equalTo("Lovely light!"))
                .extract().jsonPath();
        assertThat(created.getString("commentId")).matches("\\d+");
        assertThat(Instant.parse(created.getString("createdAt"))).isBetween(before, Instant.now());

        fan.request().get(comments(post)).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].commentId", equalTo(created.getString("commentId")))
                .body("items[0].postId", equalTo(Long.toString(post)))
                .body("items[0].author.userId", equalTo(fan.userId()))
                .body("items[0].author.username", equalTo(fan.username()))
                .body("items[0].text", equalTo("Lovely light!"))
                .body("items[0].createdAt", equalTo(created.getString("createdAt")))
                .body("nextCursor", nullValue());
        assertThat(fixtures.count("SELECT sum(value) FROM counter_shards WHERE entity_id = ? AND name = 'comments'", post)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> !stream.about(post).isEmpty());
        EngagementStream.Received event = stream.about(post).getFirst();
        assertThat(event.event().getAction()).isEqualTo(Action.COMMENT);
        assertThat(event.event().getUserId()).isEqualTo(Long.parseLong(fan.userId()));
        assertThat(event.event().getAuthorId()).isEqualTo(Long.parseLong(author.userId()));
        assertThat(event.envelope().key()).isEqualTo(Long.toString(post));
    }

    @Test
    void commentsComeOldestFirstInPages() {
        TestUser author = Api.newUser("author");
        TestUser fan = Api.newUser("fan");
        long post = fixtures.readyPost(author);
        List<String> written = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            TestUser writer = i % 2 == 0 ? author : fan;
            written.add(writer.request().body(Map.of("text", "comment " + i)).post(comments(post))
                    .then().statusCode(201).extract().path("commentId"));
        }

        List<String> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            var request = fan.request().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(comments(post)).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.commentId");
            read.addAll(ids);
            pageSizes.add(ids.size());
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(read).containsExactlyElementsOf(written);
        assertThat(pageSizes).containsExactly(2, 2, 1);
        fan.request().get(comments(post)).then().statusCode(200)
                .body("items.text", equalTo(List.of("comment 1", "comment 2", "comment 3", "comment 4", "comment 5")))
                .body("nextCursor", nullValue());
        fan.request().queryParam("limit", 5).get(comments(post)).then().statusCode(200)
                .body("items.size()", equalTo(5)).body("nextCursor", nullValue());
    }

    @Test
    void pagingParametersAreChecked() {
        TestUser author = Api.newUser("author");
        long post = fixtures.readyPost(author);
        author.request().queryParam("limit", 0).get(comments(post)).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        author.request().queryParam("limit", 101).get(comments(post)).then().statusCode(422);
        author.request().queryParam("limit", 100).get(comments(post)).then().statusCode(200);
        author.request().queryParam("limit", "lots").get(comments(post)).then().statusCode(400)
                .contentType("application/problem+json");
        author.request().queryParam("cursor", "not-a-cursor!").get(comments(post)).then().statusCode(400)
                .contentType("application/problem+json");
        author.request().queryParam("cursor", "bm9wZQ").get(comments(post)).then().statusCode(400);
    }

    @Test
    void textIsNormalisedAndChecked() {
        TestUser author = Api.newUser("author");
        long post = fixtures.readyPost(author);

        author.request().body(Map.of("text", "cafe\u0301\u0000 ok\r\nnext")).post(comments(post))
                .then().statusCode(201).body("text", equalTo("caf\u00e9 ok\nnext"));
        author.request().body(Map.of("text", "x".repeat(2_200))).post(comments(post)).then().statusCode(201);
        // Length counts characters as users do: 2,200 emoji fit.
        author.request().body(Map.of("text", "\uD83D\uDCF7".repeat(2_200))).post(comments(post)).then().statusCode(201);
        // Control characters do not count towards the limit.
        author.request().body(Map.of("text", "x".repeat(2_200) + "\u0000\u0007")).post(comments(post)).then().statusCode(201);

        author.request().body(Map.of("text", "x".repeat(2_201))).post(comments(post)).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        author.request().body(Map.of("text", "")).post(comments(post)).then().statusCode(422).body("errors[0].field", equalTo("text"));
        author.request().body(Map.of("text", " \u0000 \n\t")).post(comments(post)).then().statusCode(422);
        author.request().body(Map.of()).post(comments(post)).then().statusCode(422).body("errors[0].field", equalTo("text"));
        author.request().body("{\"text\": ").post(comments(post)).then().statusCode(400);

        author.request().get(comments(post)).then().body("items.size()", equalTo(4));
        assertThat(fixtures.count("SELECT sum(value) FROM counter_shards WHERE entity_id = ? AND name = 'comments'", post)).isEqualTo(4);
    }

    @Test
    void commentsOfErasedAccountsAreLeftOut() {
        TestUser author = Api.newUser("author");
        TestUser leaving = Api.newUser("leaving");
        long post = fixtures.readyPost(author);
        author.request().body(Map.of("text", "first")).post(comments(post)).then().statusCode(201);
        leaving.request().body(Map.of("text", "bye")).post(comments(post)).then().statusCode(201);
        author.request().body(Map.of("text", "third")).post(comments(post)).then().statusCode(201);

        leaving.request().delete("/v1/me").then().statusCode(202);

        author.request().get(comments(post)).then().statusCode(200).body("items.text", equalTo(List.of("first", "third")));
        author.request().queryParam("limit", 1).get(comments(post)).then().statusCode(200)
                .body("items.text", equalTo(List.of("first")));
    }

    @Test
    void privateAuthorsCommentsAre404ToStrangersAndOpenToFollowers() {
        TestUser author = Api.newUser("private");
        TestUser stranger = Api.newUser("stranger");
        TestUser follower = Api.newUser("follower");
        long post = fixtures.readyPost(author);
        author.request().body(Map.of("text", "mine")).post(comments(post)).then().statusCode(201);
        Fixtures.makePrivate(author);

        stranger.request().get(comments(post)).then().statusCode(404).contentType("application/problem+json");
        stranger.request().body(Map.of("text", "hi")).post(comments(post)).then().statusCode(404);
        stranger.request().get(comments(999_999_999L)).then().statusCode(404);

        fixtures.follow(follower, author, "following");
        follower.request().body(Map.of("text", "hi")).post(comments(post)).then().statusCode(201);
        follower.request().get(comments(post)).then().statusCode(200).body("items.text", equalTo(List.of("mine", "hi")));
        assertThat(fixtures.count("SELECT count(*) FROM comments WHERE post_id = ?", post)).isEqualTo(2);
    }

    @Test
    void withoutATokenIs401() {
        TestUser author = Api.newUser("author");
        long post = fixtures.readyPost(author);
        given().get(comments(post)).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("text", "hi")).post(comments(post)).then().statusCode(401);
    }

    static String comments(long post) {
        return "/v1/posts/" + post + "/comments";
    }
}
