package dev.shutter.post.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.post.post.PostFixtures.Created;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Notifications as a client sees them, built by post-service from its own events over the real
 * event bus, against the real PostgreSQL and Redis.
 */
@QuarkusTest
class NotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PostFixtures fixtures;
    @Inject
    NotificationSweeper sweeper;

    @Test
    void likesOfAPostAreOneItemWithTheNewestThreeAndReplaysOrAnUnlikeAreCountedRight() {
        TestUser author = Api.newUser("liked");
        List<TestUser> likers = users("liker", 4);
        Created post = fixtures.ready(author, "a photo");
        for (TestUser liker : likers) {
            liker.request().put("/v1/posts/" + post.postId() + "/like").then().statusCode(200);
        }
        author.request().put("/v1/posts/" + post.postId() + "/like").then().statusCode(200);

        JsonPath list = awaitList(author, page -> page.getInt("items.find { it.type == 'like' }.actorCount") == 4);
        assertThat(list.getList("items.type", String.class)).as("one item, and no notice of one's own like").containsExactly("like");
        assertThat(list.getList("items[0].actors.username", String.class))
                .containsExactly(likers.get(3).username(), likers.get(2).username(), likers.get(1).username());
        assertThat(list.getString("items[0].post.postId")).isEqualTo(post.postId());
        assertThat(list.getString("items[0].post.thumb")).isNotBlank();
        assertThat((Object) list.get("items[0].comment")).isNull();
        assertThat(list.getBoolean("items[0].read")).isFalse();
        assertThat(list.getInt("unreadCount")).isEqualTo(1);

        // The first like delivered again counts once.
        replayLike(likers.getFirst(), author, post);
        assertThat(list(author).getInt("items[0].actorCount")).isEqualTo(4);

        // An unlike takes its actor out; its like replayed afterwards brings nothing back.
        TestUser last = likers.getLast();
        last.request().delete("/v1/posts/" + post.postId() + "/like").then().statusCode(200);
        JsonPath after = awaitList(author, page -> page.getInt("items[0].actorCount") == 3);
        assertThat(after.getList("items[0].actors.username", String.class)).doesNotContain(last.username());
        replayLike(last, author, post);
        assertThat(list(author).getInt("items[0].actorCount")).isEqualTo(3);

        // Every like gone: the item goes too.
        likers.subList(0, 3).forEach(liker -> liker.request().delete("/v1/posts/" + post.postId() + "/like").then().statusCode(200));
        awaitList(author, page -> page.getList("items").isEmpty());
    }

    @Test
    void thousandsOfConcurrentLikesOfOnePostAreCountedExactlyInOneItem() {
        TestUser author = Api.newUser("celebrity");
        Created post = fixtures.ready(author, "the hot one");
        List<Long> fans = seedUsers(300);
        fans.forEach(fan -> fixtures.update("INSERT INTO likes (user_id, post_id, created_at) VALUES (?, ?, now())", fan, post.id()));
        Instant at = Instant.now();
        fixtures.awaitHandled(EventTypes.ENGAGEMENT.topic(), NotificationEvents.SUBSCRIPTION, fans.size(),
                () -> fans.parallelStream().forEach(fan -> fixtures.publish(EventTypes.ENGAGEMENT, Long.toString(post.id()),
                        like(fan, Long.parseLong(author.userId()), post.id(), at))));
        JsonPath list = list(author);
        assertThat(list.getList("items.type", String.class)).containsExactly("like");
        assertThat(list.getInt("items[0].actorCount")).isEqualTo(fans.size());
        assertThat(list.getList("items[0].actors")).hasSize(3);
        assertThat(fixtures.queryString("SELECT count(DISTINCT shard) FROM notification_counts WHERE recipient_id = ?",
                Long.parseLong(author.userId()))).as("the count spread over shards, not one hot row").isNotEqualTo("1");
    }

    @Test
    void commentsAndMentionsAreOneItemEachAndADeletedCommentTakesThemBack() {
        TestUser author = Api.newUser("poster");
        TestUser named = Api.newUser("named");
        TestUser commenter = Api.newUser("commenter");
        Created post = fixtures.create(author, "with @" + named.username().toUpperCase() + " and @nobody_by_this_name, "
                + "mail me at someone@" + commenter.username() + ".", "image/jpeg");
        fixtures.processed(PostFixtures.processedImage(post.id(), post.mediaId(0)));
        fixtures.awaitStatus(author, post.postId(), "ready");

        JsonPath mentioned = awaitList(named, page -> page.getList("items").size() == 1);
        assertThat(mentioned.getString("items[0].type")).isEqualTo("mention");
        assertThat(mentioned.getString("items[0].actors[0].userId")).isEqualTo(author.userId());
        assertThat(mentioned.getString("items[0].post.postId")).isEqualTo(post.postId());
        assertThat(list(commenter).getList("items")).as("an e-mail address mentions nobody").isEmpty();

        String commentId = commenter.request().body(Map.of("text", "look @" + named.username() + " @" + author.username()))
                .post("/v1/posts/" + post.postId() + "/comments").then().statusCode(201).extract().path("commentId");
        author.request().body(Map.of("text", "my own words")).post("/v1/posts/" + post.postId() + "/comments")
                .then().statusCode(201);
        JsonPath authors = awaitList(author, page -> page.getList("items").size() == 1);
        assertThat(authors.getString("items[0].type")).as("a comment, once, though it mentions the author too").isEqualTo("comment");
        assertThat(authors.getString("items[0].comment.commentId")).isEqualTo(commentId);
        assertThat(authors.getString("items[0].comment.text")).startsWith("look @");
        assertThat(authors.getInt("items[0].actorCount")).isEqualTo(1);
        JsonPath names = awaitList(named, page -> page.getList("items").size() == 2);
        assertThat(names.getList("items.type", String.class)).containsExactly("mention", "mention");
        assertThat(names.getString("items[0].comment.commentId")).isEqualTo(commentId);

        commenter.request().delete("/v1/posts/" + post.postId() + "/comments/" + commentId).then().statusCode(204);
        commenter.request().delete("/v1/posts/" + post.postId() + "/comments/" + commentId).then().statusCode(404)
                .contentType("application/problem+json");
        awaitList(author, page -> page.getList("items").isEmpty());
        awaitList(named, page -> page.getList("items").size() == 1);
        assertThat(fixtures.queryString("SELECT count(*) FROM notifications WHERE comment_id = ?", Long.parseLong(commentId)))
                .isEqualTo("0");

        // Only the comment's author or the post's author deletes a comment.
        String second = commenter.request().body(Map.of("text", "again"))
                .post("/v1/posts/" + post.postId() + "/comments").then().statusCode(201).extract().path("commentId");
        awaitList(author, page -> page.getList("items").size() == 1);
        named.request().delete("/v1/posts/" + post.postId() + "/comments/" + second).then().statusCode(404);
        author.request().delete("/v1/posts/" + post.postId() + "/comments/" + second).then().statusCode(204);
        awaitList(author, page -> page.getList("items").isEmpty());
        assertThat(author.request().get("/v1/posts/" + post.postId()).then().extract().<Integer>path("commentCount"))
                .as("the author's own comment is left").isEqualTo(1);
    }

    @Test
    void followsOfADayAreOneItemRequestsTheirOwnAndAnApprovalTellsTheFollower() {
        TestUser star = Api.newUser("star");
        List<TestUser> fans = users("fan", 2);
        fans.forEach(fan -> fan.request().put("/v1/users/" + star.userId() + "/follow").then().statusCode(200));
        JsonPath follows = awaitList(star, page -> page.getList("items").size() == 1 && page.getInt("items[0].actorCount") == 2);
        assertThat(follows.getString("items[0].type")).isEqualTo("follow");
        assertThat((Object) follows.get("items[0].post")).isNull();
        fans.getFirst().request().delete("/v1/users/" + star.userId() + "/follow").then().statusCode(204);
        awaitList(star, page -> page.getInt("items[0].actorCount") == 1);

        TestUser shy = Api.newUser("shy");
        TestUser asker = Api.newUser("asker");
        shy.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        asker.request().put("/v1/users/" + shy.userId() + "/follow").then().statusCode(200).body("state", equalTo("requested"));
        assertThat(awaitList(shy, page -> page.getList("items").size() == 1).getString("items[0].type")).isEqualTo("follow_request");
        asker.request().delete("/v1/users/" + shy.userId() + "/follow").then().statusCode(204);
        awaitList(shy, page -> page.getList("items").isEmpty());

        asker.request().put("/v1/users/" + shy.userId() + "/follow").then().statusCode(200);
        awaitList(shy, page -> page.getList("items").size() == 1);
        shy.request().post("/v1/me/follow-requests/" + asker.userId() + "/approve").then().statusCode(204);
        JsonPath accepted = awaitList(asker, page -> page.getList("items").size() == 1);
        assertThat(accepted.getString("items[0].type")).isEqualTo("follow_accepted");
        assertThat(accepted.getString("items[0].actors[0].userId")).isEqualTo(shy.userId());
        awaitList(shy, page -> page.getList("items").isEmpty());
    }

    @Test
    void nobodyIsToldOfAPostTheyMayNotSee() {
        TestUser hidden = Api.newUser("hidden");
        TestUser outsider = Api.newUser("outsider");
        TestUser friend = Api.newUser("friend");
        fixtures.follow(friend.userId(), hidden.userId());
        hidden.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        fixtures.ready(hidden, "for friends, @" + outsider.username() + " @" + friend.username());
        // Both mentions are handled in one transaction: once the friend's shows, the outsider's would have.
        awaitList(friend, page -> page.getList("items").size() == 1);
        assertThat(list(outsider).getList("items")).as("a mention in a post the outsider may not see").isEmpty();

        // A public post mentioning the outsider, then the author turns private: the item is no longer shown.
        TestUser turning = Api.newUser("turning");
        Created open = fixtures.ready(turning, "hello @" + outsider.username());
        awaitList(outsider, page -> page.getList("items").size() == 1);
        turning.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        assertThat(list(outsider).getList("items")).isEmpty();
        assertThat(list(outsider).getInt("unreadCount")).isZero();

        // A deleted post takes its items with it.
        TestUser fan = Api.newUser("deletedfan");
        Created doomed = fixtures.ready(friend, "soon gone");
        fan.request().put("/v1/posts/" + doomed.postId() + "/like").then().statusCode(200);
        awaitList(friend, page -> page.getList("items.type", String.class).contains("like"));
        friend.request().delete("/v1/posts/" + doomed.postId()).then().statusCode(204);
        await().atMost(WAIT).until(() -> "0".equals(fixtures.queryString("SELECT count(*) FROM notifications WHERE post_id = ?",
                doomed.id())));
        assertThat(list(friend).getList("items.type", String.class)).doesNotContain("like");
        assertThat(list(outsider).getList("items")).as("still hidden: %s is private now", open.postId()).isEmpty();
    }

    @Test
    void fiveHundredItemsPageNewestFirstAndReadMarksCountUnread() {
        TestUser author = Api.newUser("busy");
        Created post = fixtures.ready(author, "talk to me");
        long authorId = Long.parseLong(author.userId());
        List<Long> commenters = seedUsers(50);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        List<Engagement> comments = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long commentId = 9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000 + i;
            long commenter = commenters.get(i % commenters.size());
            fixtures.update("INSERT INTO comments (post_id, comment_id, author_id, body, created_at) VALUES (?, ?, ?, ?, now())",
                    post.id(), commentId, commenter, "comment " + i);
            comments.add(Engagement.newBuilder().setAction(Engagement.Action.COMMENT).setPostId(post.id()).setAuthorId(authorId)
                    .setUserId(commenter).setCommentId(commentId).setAt(timestamp(start.plusSeconds(i))).build());
        }
        fixtures.awaitHandled(EventTypes.ENGAGEMENT.topic(), NotificationEvents.SUBSCRIPTION, comments.size(),
                () -> comments.parallelStream().forEach(event -> fixtures.publish(EventTypes.ENGAGEMENT, post.postId(), event)));

        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = author.request().queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/notifications").then().statusCode(200).extract().jsonPath();
            assertThat(page.getInt("unreadCount")).isEqualTo(500);
            for (String id : page.getList("items.notificationId", String.class)) {
                assertThat(seen.add(id)).as("%s listed twice", id).isTrue();
                ids.add(id);
            }
            texts.addAll(page.getList("items.comment.text", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(ids).hasSize(500);
        assertThat(pages).isEqualTo(10);
        assertThat(texts).as("newest first").isEqualTo(IntStream.range(0, 500).mapToObj(i -> "comment " + (499 - i)).toList());

        author.request().body(Map.of("upTo", ids.get(100))).post("/v1/notifications/read").then().statusCode(204);
        JsonPath first = list(author);
        assertThat(first.getInt("unreadCount")).isEqualTo(100);
        assertThat(first.getBoolean("items[0].read")).isFalse();
        JsonPath around = author.request().queryParam("limit", 50).queryParam("cursor", pageCursor(author, 2))
                .get("/v1/notifications").then().statusCode(200).extract().jsonPath();
        assertThat(around.getList("items.read", Boolean.class)).containsOnly(true);
        // A mark never moves back.
        author.request().body(Map.of("upTo", ids.get(300))).post("/v1/notifications/read").then().statusCode(204);
        assertThat(list(author).getInt("unreadCount")).isEqualTo(100);
        author.request().body(Map.of("upTo", ids.getFirst())).post("/v1/notifications/read").then().statusCode(204);
        assertThat(list(author).getInt("unreadCount")).isZero();

        author.request().body(Map.of("upTo", "12345")).post("/v1/notifications/read").then().statusCode(404)
                .contentType("application/problem+json");
        author.request().body(Map.of("upTo", "not-an-id")).post("/v1/notifications/read").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("upTo"));
        author.request().body(Map.of()).post("/v1/notifications/read").then().statusCode(422).body("errors.field", hasItem("upTo"));
        author.request().queryParam("limit", 51).get("/v1/notifications").then().statusCode(422).body("errors.field", hasItem("limit"));
        author.request().queryParam("cursor", "garbage").get("/v1/notifications").then().statusCode(400);
        // Someone else's item is not theirs to mark.
        Api.newUser("other").request().body(Map.of("upTo", ids.getFirst())).post("/v1/notifications/read").then().statusCode(404);
    }

    @Test
    void oldItemsAreSweptAndAnErasedAccountLeavesNoNotifications() {
        TestUser author = Api.newUser("old");
        TestUser liker = Api.newUser("goner");
        TestUser other = Api.newUser("stays");
        Created post = fixtures.ready(author, "old news");
        Created fresh = fixtures.ready(liker, "mine");
        liker.request().put("/v1/posts/" + post.postId() + "/like").then().statusCode(200);
        other.request().put("/v1/posts/" + post.postId() + "/like").then().statusCode(200);
        author.request().put("/v1/posts/" + fresh.postId() + "/like").then().statusCode(200);
        awaitList(author, page -> page.getList("items").size() == 1 && page.getInt("items[0].actorCount") == 2);
        awaitList(liker, page -> page.getList("items").size() == 1);
        author.request().body(Map.of("upTo", list(author).getString("items[0].notificationId"))).post("/v1/notifications/read")
                .then().statusCode(204);

        long likerId = Long.parseLong(liker.userId());
        liker.request().delete("/v1/me").then().statusCode(202);
        await().atMost(WAIT).until(() -> "0".equals(fixtures.queryString(
                "SELECT count(*) FROM notification_actors WHERE actor_id = ? OR recipient_id = ?", likerId, likerId)));
        assertThat(fixtures.queryString("SELECT count(*) FROM notifications WHERE recipient_id = ?", likerId)).isEqualTo("0");
        JsonPath remaining = list(author);
        assertThat(remaining.getInt("items[0].actorCount")).isEqualTo(1);
        assertThat(remaining.getList("items[0].actors.userId", String.class)).containsExactly(other.userId());

        long authorId = Long.parseLong(author.userId());
        fixtures.update("UPDATE notifications SET last_activity_at = now() - interval '91 days' WHERE recipient_id = ?", authorId);
        assertThat(sweeper.sweep(Instant.now().minus(Duration.ofDays(90))).await().atMost(WAIT)).isPositive();
        assertThat(list(author).getList("items")).isEmpty();
        assertThat(fixtures.queryString("""
                SELECT (SELECT count(*) FROM notification_actors WHERE recipient_id = ?)
                     + (SELECT count(*) FROM notification_counts WHERE recipient_id = ?)""", authorId, authorId)).isEqualTo("0");
    }

    private void replayLike(TestUser liker, TestUser author, Created post) {
        fixtures.awaitHandled(EventTypes.ENGAGEMENT.topic(), NotificationEvents.SUBSCRIPTION, 1,
                () -> fixtures.publish(EventTypes.ENGAGEMENT, post.postId(),
                        like(Long.parseLong(liker.userId()), Long.parseLong(author.userId()), post.id(), Instant.now())));
    }

    private static Engagement like(long userId, long authorId, long postId, Instant at) {
        return Engagement.newBuilder().setAction(Engagement.Action.LIKE).setPostId(postId).setAuthorId(authorId)
                .setUserId(userId).setAt(timestamp(at)).build();
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    /** Accounts as rows only (no password to hash), for tests that need many actors. */
    private List<Long> seedUsers(int count) {
        long base = 7_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000;
        return LongStream.range(0, count).map(i -> base + i).peek(id -> fixtures.update("""
                INSERT INTO users (user_id, username, email, password_hash, display_name, bio, is_private, created_at)
                VALUES (?, ?, ?, 'x', '', '', false, now())""", id, "seeded" + id, "seeded" + id + "@example.com"))
                .boxed().toList();
    }

    private static List<TestUser> users(String prefix, int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> Api.newUser(prefix)).toList();
    }

    private static String pageCursor(TestUser user, int pages) {
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            var request = user.request().queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            cursor = request.get("/v1/notifications").then().statusCode(200).extract().path("nextCursor");
        }
        return cursor;
    }

    private static JsonPath list(TestUser user) {
        return user.request().get("/v1/notifications").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitList(TestUser user, java.util.function.Predicate<JsonPath> condition) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = list(user);
            try {
                return condition.test(last[0]);
            } catch (RuntimeException e) {
                return false;
            }
        });
        return last[0];
    }
}
