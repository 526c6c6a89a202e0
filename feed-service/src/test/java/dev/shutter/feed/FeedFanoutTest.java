package dev.shutter.feed;

import static dev.shutter.feed.FeedReader.awaitFeed;
import static dev.shutter.feed.FeedReader.postIds;
import static dev.shutter.feed.FeedReader.timeline;
import static dev.shutter.feed.Network.approve;
import static dev.shutter.feed.Network.follow;
import static dev.shutter.feed.Network.makePrivate;
import static dev.shutter.feed.Network.newUser;
import static dev.shutter.feed.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.feed.Network.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** post.published and follow.changed, end to end: post-service's events reach the timelines in Redis. */
@QuarkusTest
class FeedFanoutTest {

    @Inject
    Redis redis;

    @Test
    void aFollowerWhoReadsTheirFeedGetsTheAuthorsNewPostPushed() {
        User author = newUser("fa");
        User reader = newUser("fb");
        follow(reader, author);
        assertThat(postIds(reader)).isEmpty();
        assertThat(timeline(redis, reader)).as("the first read builds the timeline").isEmpty();

        String postId = post(author, "hello #world");

        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, reader).contains(postId));
        JsonPath page = FeedReader.page(reader, null, 20);
        assertThat(page.getList("items.postId", String.class)).containsExactly(postId);
        assertThat(page.getString("items[0].author.username")).isEqualTo(author.username());
        assertThat(page.getString("items[0].author.userId")).isEqualTo(author.userId());
        assertThat(page.getList("items[0].hashtags", String.class)).containsExactly("world");
        assertThat(page.getString("items[0].media[0].type")).isEqualTo("image");
        assertThat(page.getMap("items[0].media[0].variants")).containsKeys("thumb", "medium", "hq");
        assertThat(page.getBoolean("items[0].likedByMe")).isFalse();
        assertThat(page.getString("items[0].createdAt")).isNotBlank();
        assertThat(page.getString("nextCursor")).isNull();
    }

    @Test
    void anInactiveFollowerIsSkippedByFanOutAndTheirTimelineIsRebuiltWhenTheyReturn() {
        User author = newUser("ia");
        User away = newUser("ib");
        follow(away, author);
        String postId = post(author, "while you were away");
        User active = newUser("ic");
        follow(active, author);
        postIds(active);
        String second = post(author, "second");
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, active).contains(second));

        assertThat(timeline(redis, away)).as("never read: nothing written for them").isNull();
        assertThat(postIds(away)).containsExactly(second, postId);
        assertThat(timeline(redis, away)).containsExactly(second, postId);
    }

    @Test
    void everyFollowerGetsThePostAndTheAuthorToo() {
        User author = newUser("ea");
        List<User> followers = IntStream.range(0, 4).mapToObj(i -> newUser("ef")).toList();
        followers.forEach(follower -> {
            follow(follower, author);
            postIds(follower);
        });
        postIds(author);

        String postId = post(author, "to all of you");

        await().atMost(FeedReader.WAIT).untilAsserted(() -> {
            for (User follower : followers) {
                assertThat(timeline(redis, follower)).containsExactly(postId);
            }
            assertThat(timeline(redis, author)).as("authors see their own posts").containsExactly(postId);
        });
    }

    @Test
    void aCelebritysPostIsPulledAtReadTimeNotPushed() {
        User star = newUser("cs");
        IntStream.range(0, PostServiceResource.CELEBRITY_THRESHOLD).forEach(i -> follow(newUser("cf"), star));
        User reader = newUser("cr");
        follow(reader, star);
        User friend = newUser("cq");
        follow(reader, friend);
        postIds(reader);

        String starPost = post(star, "famous");
        String friendPost = post(friend, "not famous");

        List<String> feed = awaitFeed(reader, ids -> ids.contains(starPost) && ids.contains(friendPost));
        assertThat(feed).containsExactlyInAnyOrder(starPost, friendPost);
        assertThat(timeline(redis, reader)).as("only the friend's post was pushed").containsExactly(friendPost);
    }

    @Test
    void aPrivateAccountsPostReachesOnlyApprovedFollowers() {
        User author = newUser("pa");
        makePrivate(author);
        User approved = newUser("pb");
        User pending = newUser("pc");
        follow(approved, author);
        follow(pending, author);
        approve(author, approved);
        postIds(approved);
        postIds(pending);

        String postId = post(author, "friends only");

        awaitFeed(approved, ids -> ids.contains(postId));
        assertThat(timeline(redis, pending)).doesNotContain(postId);
        assertThat(postIds(pending)).doesNotContain(postId);
    }

    @Test
    void followingMergesRecentPostsAndUnfollowingRemovesThem() {
        User author = newUser("ma");
        String older = post(author, "older");
        String newer = post(author, "newer");
        User reader = newUser("mb");
        assertThat(postIds(reader)).isEmpty();

        follow(reader, author);
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, reader).containsAll(List.of(older, newer)));
        assertThat(postIds(reader)).containsExactly(newer, older);

        Network.unfollow(reader, author);
        await().atMost(FeedReader.WAIT).until(() -> timeline(redis, reader).isEmpty());
        assertThat(postIds(reader)).isEmpty();
    }

    @Test
    void aDeletedPostLeavesTimelinesAndFeeds() {
        User author = newUser("da");
        User reader = newUser("db");
        follow(reader, author);
        postIds(reader);
        String kept = post(author, "kept");
        String deleted = post(author, "deleted");
        awaitFeed(reader, ids -> ids.containsAll(List.of(kept, deleted)));

        Network.delete(author, deleted);

        await().atMost(FeedReader.WAIT).until(() -> !timeline(redis, reader).contains(deleted));
        assertThat(postIds(reader)).containsExactly(kept);
    }
}
