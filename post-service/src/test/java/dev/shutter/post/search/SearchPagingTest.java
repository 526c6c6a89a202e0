package dev.shutter.post.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.post.search.SearchQueue.Kind;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A tag with 1,000 posts, paged to the end in both orders while new posts keep arriving: every
 * post seen once, none twice. The posts are written to the store directly (the API would take
 * minutes for so many) and reach the index through the queue like any change.
 */
@QuarkusTest
class SearchPagingTest {

    private static final IdGenerator IDS = new IdGenerator(Snowflake.MAX_WORKER);

    @Inject
    PostFixtures fixtures;

    @Inject
    SearchQueue queue;

    @Test
    void aThousandPostsPageToTheEndWithNoRepeatWhileNewOnesArrive() {
        TestUser author = Api.newUser("pager");
        String tag = HashtagSearchTest.unique("many");
        List<Long> original = insertPosts(author, tag, 1_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> SearchIndexProbe.count("posts", "hashtags:" + tag) == 1_000);

        for (String sort : List.of("recent", "top")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = author.request().queryParam("sort", sort).queryParam("limit", 50);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/v1/hashtags/" + tag + "/posts").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.postId", String.class));
                cursor = page.getString("nextCursor");
                if (++pages == 5) {
                    // New posts arrive mid-way: they rank above the pages already read, so they are not in this pass.
                    insertPosts(author, tag, 30);
                    await().atMost(Duration.ofSeconds(30)).until(() -> "0".equals(
                            fixtures.queryString("SELECT count(*) FROM search_queue")));
                }
            } while (cursor != null);
            assertThat(new HashSet<>(seen)).as(sort + ": no repeats").hasSameSizeAs(seen);
            Set<String> expected = new HashSet<>(original.stream().map(String::valueOf).toList());
            assertThat(seen).as(sort + ": every original post").containsAll(expected);
        }
    }

    /** Ready posts with the tag, written as PostCreation would, then queued for the index. */
    private List<Long> insertPosts(TestUser author, String tag, int count) {
        long authorId = Long.parseLong(author.userId());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long postId = IDS.next(Snowflake.shardForOwner(authorId));
            fixtures.update("""
                    INSERT INTO posts (author_id, post_id, caption, hashtags, status, created_at, ready_at)
                    VALUES (?, ?, ?, ?, 'ready', now() - (? * interval '1 second'), now())""",
                    authorId, postId, "#" + tag + " " + i, tag, count - i);
            ids.add(postId);
        }
        queue.enqueue(Kind.POST, ids).await().atMost(Duration.ofSeconds(30));
        return ids;
    }
}
