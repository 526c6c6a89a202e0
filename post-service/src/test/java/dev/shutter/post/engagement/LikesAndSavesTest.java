package dev.shutter.post.engagement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.shutter.contracts.events.v1.Engagement.Action;
import dev.shutter.ids.IdGenerator;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.rest.problem.ProblemException;
import dev.shutter.post.ratelimit.RateLimit;
import dev.shutter.post.ratelimit.RateLimiter;
import dev.shutter.post.ratelimit.RateLimits;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LikesAndSavesTest {

    private final EngagementStream stream = EngagementStream.shared();

    @Inject
    AgroalDataSource db;

    @Inject
    IdGenerator ids;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    RateLimits limits;

    @TestHTTPResource("/")
    URL base;

    private Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(db, ids);
    }

    @Test
    void likeAndUnlikeAreIdempotentAndCountOnce() {
        TestUser author = Api.newUser("author");
        TestUser fan = Api.newUser("fan");
        TestUser other = Api.newUser("other");
        long post = fixtures.readyPost(author);

        fan.request().put(like(post)).then().statusCode(200).body("likeCount", equalTo(1)).body("likedByMe", equalTo(true));
        fan.request().put(like(post)).then().statusCode(200).body("likeCount", equalTo(1)).body("likedByMe", equalTo(true));
        other.request().put(like(post)).then().statusCode(200).body("likeCount", equalTo(2)).body("likedByMe", equalTo(true));

        fan.request().delete(like(post)).then().statusCode(200).body("likeCount", equalTo(1)).body("likedByMe", equalTo(false));
        fan.request().delete(like(post)).then().statusCode(200).body("likeCount", equalTo(1)).body("likedByMe", equalTo(false));
        // Unliking what was never liked changes nothing either.
        author.request().delete(like(post)).then().statusCode(200).body("likeCount", equalTo(1)).body("likedByMe", equalTo(false));

        assertThat(fixtures.count("SELECT count(*) FROM likes WHERE post_id = ?", post)).isEqualTo(1);
        assertThat(fixtures.count("SELECT sum(value) FROM counter_shards WHERE entity_id = ? AND name = 'likes'", post)).isEqualTo(1);
    }

    @Test
    void saveAndUnsaveAreIdempotentAndCountOnce() {
        TestUser author = Api.newUser("author");
        TestUser fan = Api.newUser("fan");
        long post = fixtures.readyPost(author);

        fan.request().put(save(post)).then().statusCode(200).body("saveCount", equalTo(1)).body("savedByMe", equalTo(true));
        fan.request().put(save(post)).then().statusCode(200).body("saveCount", equalTo(1)).body("savedByMe", equalTo(true));
        author.request().put(save(post)).then().statusCode(200).body("saveCount", equalTo(2)).body("savedByMe", equalTo(true));
        fan.request().delete(save(post)).then().statusCode(200).body("saveCount", equalTo(1)).body("savedByMe", equalTo(false));
        fan.request().delete(save(post)).then().statusCode(200).body("saveCount", equalTo(1)).body("savedByMe", equalTo(false));

        // Saves and likes are counted apart.
        fan.request().delete(like(post)).then().statusCode(200).body("likeCount", equalTo(0));
        assertThat(fixtures.count("SELECT count(*) FROM saves WHERE post_id = ?", post)).isEqualTo(1);
    }

    @Test
    void fiftyUsersLikingAtOnceCountFifty() {
        TestUser author = Api.newUser("viral");
        long post = fixtures.readyPost(author);
        List<TestUser> fans = Fixtures.newUsers("fan", 50);

        List<HttpResponse<String>> answers = Fixtures.concurrently(fans.stream()
                .<Supplier<HttpRequest>>map(fan -> () -> Fixtures.put(uri(), like(post).substring(1), fan))
                .toList());

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        // Each like was checked against its user's limit, none slipped through unchecked.
        RateLimit one = new RateLimit(limits.likes().name(), 1, limits.likes().window());
        assertThat(fans).allSatisfy(fan -> assertThatThrownBy(
                () -> rateLimiter.acquire(one, Long.parseLong(fan.userId())).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(ProblemException.class));
        author.request().delete(like(post)).then().statusCode(200).body("likeCount", equalTo(50));
        assertThat(fixtures.count("SELECT count(*) FROM likes WHERE post_id = ?", post)).isEqualTo(50);
        // Spread over shard rows rather than one hot row.
        assertThat(fixtures.count("SELECT count(*) FROM counter_shards WHERE entity_id = ? AND name = 'likes'", post)).isGreaterThan(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stream.actions(post)).hasSize(50).containsOnly(Action.LIKE));
    }

    @Test
    void twentyConcurrentLikesByOneUserCountOnce() {
        TestUser author = Api.newUser("author");
        TestUser fan = Api.newUser("eager");
        long post = fixtures.readyPost(author);

        List<HttpResponse<String>> answers = Fixtures.concurrently(IntStream.range(0, 20)
                .<Supplier<HttpRequest>>mapToObj(i -> () -> Fixtures.put(uri(), like(post).substring(1), fan))
                .toList());

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.body()).contains("\"likeCount\":1").contains("\"likedByMe\":true");
        });
        assertThat(fixtures.count("SELECT sum(value) FROM counter_shards WHERE entity_id = ? AND name = 'likes'", post)).isEqualTo(1);
        // Every one of the 20 requests counted against the like limit, none slipped through unchecked.
        RateLimit twenty = new RateLimit(limits.likes().name(), 20, limits.likes().window());
        assertThatThrownBy(() -> rateLimiter.acquire(twenty, Long.parseLong(fan.userId())).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(429));

        // A later event by someone else marks the end: everything written before it has arrived.
        author.request().put(save(post)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stream.actions(post)).contains(Action.SAVE));
        assertThat(stream.actions(post)).containsExactly(Action.LIKE, Action.SAVE);
    }

    @Test
    void eachChangeIsAnEngagementEventAndRepeatsAreNot() {
        TestUser author = Api.newUser("author");
        TestUser fan = Api.newUser("fan");
        long post = fixtures.readyPost(author);
        Instant before = Instant.now().minusSeconds(1);

        fan.request().put(like(post)).then().statusCode(200);
        fan.request().put(like(post)).then().statusCode(200);
        fan.request().delete(like(post)).then().statusCode(200);
        fan.request().delete(like(post)).then().statusCode(200);
        fan.request().put(save(post)).then().statusCode(200);
        fan.request().put(save(post)).then().statusCode(200);
        fan.request().delete(save(post)).then().statusCode(200);
        fan.request().delete(save(post)).then().statusCode(200);
        fan.request().put(like(post)).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> stream.about(post).size() >= 5);
        assertThat(stream.actions(post)).containsExactly(Action.LIKE, Action.UNLIKE, Action.SAVE, Action.UNSAVE, Action.LIKE);
        assertThat(stream.about(post)).allSatisfy(r -> {
            assertThat(r.envelope().type()).isEqualTo("engagement");
            assertThat(r.envelope().key()).isEqualTo(Long.toString(post));
            assertThat(r.event().getPostId()).isEqualTo(post);
            assertThat(r.event().getAuthorId()).isEqualTo(Long.parseLong(author.userId()));
            assertThat(r.event().getUserId()).isEqualTo(Long.parseLong(fan.userId()));
            Instant at = Instant.ofEpochSecond(r.event().getAt().getSeconds(), r.event().getAt().getNanos());
            assertThat(at).isBetween(before, Instant.now());
        });
    }

    @Test
    void unknownAndUnseenPostsAre404() {
        TestUser author = Api.newUser("author");
        TestUser stranger = Api.newUser("stranger");
        long processing = fixtures.post(author, "processing");

        stranger.request().put(like(123_456_789L)).then().statusCode(404).contentType("application/problem+json");
        stranger.request().put("/v1/posts/not-a-number/like").then().statusCode(404).contentType("application/problem+json");
        stranger.request().put(like(processing)).then().statusCode(404);
        stranger.request().put(save(processing)).then().statusCode(404);
        assertThat(fixtures.count("SELECT count(*) FROM likes WHERE post_id = ?", processing)).isZero();
    }

    @Test
    void privateAuthorsPostsAre404ToStrangersAndOpenToFollowers() {
        TestUser author = Api.newUser("private");
        TestUser stranger = Api.newUser("stranger");
        TestUser requester = Api.newUser("requester");
        TestUser follower = Api.newUser("follower");
        long post = fixtures.readyPost(author);
        Fixtures.makePrivate(author);
        fixtures.follow(requester, author, "requested");
        fixtures.follow(follower, author, "following");

        for (TestUser outsider : List.of(stranger, requester)) {
            outsider.request().put(like(post)).then().statusCode(404).contentType("application/problem+json");
            outsider.request().delete(like(post)).then().statusCode(404);
            outsider.request().put(save(post)).then().statusCode(404);
            outsider.request().delete(save(post)).then().statusCode(404);
        }
        follower.request().put(like(post)).then().statusCode(200).body("likeCount", equalTo(1));
        follower.request().put(save(post)).then().statusCode(200).body("saveCount", equalTo(1));
        author.request().put(like(post)).then().statusCode(200).body("likeCount", equalTo(2));
    }

    @Test
    void withoutATokenIs401() {
        TestUser author = Api.newUser("author");
        long post = fixtures.readyPost(author);
        given().put(like(post)).then().statusCode(401).contentType("application/problem+json");
        given().delete(like(post)).then().statusCode(401);
        given().put(save(post)).then().statusCode(401);
        given().delete(save(post)).then().statusCode(401);
        given().header("Authorization", "Bearer not.a.jwt").put(like(post)).then().statusCode(401);
    }

    @Test
    void rateLimiterRefusesBeyondTheLimitWithTheWait() {
        RateLimit tiny = new RateLimit("test-" + UUID.randomUUID(), 3, Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            rateLimiter.acquire(tiny, 42).await().atMost(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> rateLimiter.acquire(tiny, 42).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
                });
        // Limits are per user.
        rateLimiter.acquire(tiny, 43).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void likesBeyondTheHourlyLimitAre429AndUnlikesDoNotCount() {
        TestUser author = Api.newUser("author");
        TestUser bot = Api.newUser("bot");
        long post = fixtures.readyPost(author);
        long botId = Long.parseLong(bot.userId());
        RateLimit likes = limits.likes();
        // The bot has already used all but one of its likes this hour (through the limiter the endpoint uses).
        Multi.createFrom().range(0, likes.max() - 1)
                .onItem().transformToUni(i -> rateLimiter.acquire(likes, botId)).merge(4)
                .collect().last().await().atMost(Duration.ofSeconds(30));

        bot.request().delete(like(post)).then().statusCode(200);
        bot.request().delete(like(post)).then().statusCode(200);
        bot.request().put(like(post)).then().statusCode(200).body("likeCount", equalTo(1));
        String retryAfter = bot.request().put(like(post)).then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, likes.window().toSeconds());
        // Unlikes and saves are not limited.
        bot.request().delete(like(post)).then().statusCode(200).body("likeCount", equalTo(0));
        bot.request().put(save(post)).then().statusCode(200);
        // Other users are not affected.
        author.request().put(like(post)).then().statusCode(200).body("likeCount", equalTo(1));
    }

    private URI uri() {
        try {
            return base.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String like(long post) {
        return "/v1/posts/" + post + "/like";
    }

    static String save(long post) {
        return "/v1/posts/" + post + "/save";
    }
}
