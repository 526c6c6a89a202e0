package dev.shutter.explore;

import static dev.shutter.explore.Network.follow;
import static dev.shutter.explore.Network.like;
import static dev.shutter.explore.Network.newUser;
import static dev.shutter.explore.Network.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.explore.Network.User;
import dev.shutter.explore.engagement.EngagementScoreWriter;
import dev.shutter.explore.item.ItemCatalog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scores Explore writes are what the real feed-service ranks a follower's feed by. */
@QuarkusTest
class EngagementScoresReachTheFeedTest {

    @Inject
    ItemCatalog catalog;
    @Inject
    EngagementScoreWriter scores;

    @Test
    void aMuchLikedPostRanksAboveNewerUnlikedOnesInAFollowersFeed() {
        User author = newUser("popular");
        User follower = newUser("fan");
        follow(follower, author);
        String older = post(author, "The one everybody likes #sunset");
        String newer = post(author, "Later, nobody likes it #sea");
        String newest = post(author, "Latest, nobody likes it either #sea");
        for (int i = 0; i < 8; i++) {
            like(newUser("liker" + i), older);
        }
        await().atMost(Network.WAIT).until(() -> catalog.get(Long.parseLong(older)).map(item -> item.engagements() == 8)
                .orElse(false) && catalog.get(Long.parseLong(newest)).isPresent());

        assertThat(scores.writeNow().await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(3);

        List<String> feed = follower.feed().get("/v1/feed?limit=10").then().statusCode(200).extract().path("items.postId");
        assertThat(feed).containsExactly(older, newest, newer);
    }
}
