package dev.shutter.explore.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.explore.item.AuthorStats;
import dev.shutter.explore.item.CatalogItem;
import dev.shutter.models.ItemFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngagementScoresTest {

    static final long HOUR = 3_600_000;

    @Test
    void aScoreIsInZeroToOneAndGrowsWithVelocityAndFallsWithAge() {
        long now = 100 * HOUR;
        CatalogItem quiet = item(1, now - HOUR);
        CatalogItem liked = item(2, now - HOUR);
        CatalogItem oldHit = item(3, now - 72 * HOUR);
        for (int i = 0; i < 30; i++) {
            liked.engage(1, now - 10 * 60_000, 6 * HOUR);
            oldHit.engage(1, now - 10 * 60_000, 6 * HOUR);
        }
        for (int i = 0; i < 10_000; i++) {
            quiet.engage(0, now, 6 * HOUR);
        }
        AuthorStats authors = AuthorStats.of(List.of(quiet, liked, oldHit), 0);

        double quietScore = score(quiet, authors, now);
        double likedScore = score(liked, authors, now);
        double oldScore = score(oldHit, authors, now);

        assertThat(List.of(quietScore, likedScore, oldScore)).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        assertThat(likedScore).isGreaterThan(quietScore + 0.3);
        assertThat(oldScore).isLessThan(likedScore / 4);
    }

    @Test
    void anUnlikeTakesBackWhatTheLikeGave() {
        long now = 10 * HOUR;
        CatalogItem post = item(1, now - HOUR);
        post.engage(1, now - 60_000, 6 * HOUR);
        post.engage(-1, now - 30_000, 6 * HOUR);
        assertThat(post.engagements()).isZero();
        assertThat(post.velocityAt(now, 6 * HOUR)).isLessThan(0.001);
    }

    private static double score(CatalogItem item, AuthorStats authors, long now) {
        return EngagementScores.score(item, authors, now, 6 * HOUR, 24 * HOUR, 20);
    }

    private static CatalogItem item(long postId, long createdAt) {
        return new CatalogItem(postId, postId, createdAt, ItemFeatures.of(List.of(), List.of(), postId, false, null), false, false);
    }
}
