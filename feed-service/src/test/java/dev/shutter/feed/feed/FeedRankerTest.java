package dev.shutter.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.ids.Snowflake;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedRankerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private final FeedRanker ranker = new FeedRanker(0.6, 0.4, Duration.ofHours(12));

    private static long postAt(Duration ago, int sequence) {
        return Snowflake.compose(NOW.minus(ago), 7, sequence);
    }

    @Test
    void withoutEngagementNewerComesFirst() {
        long hourOld = postAt(Duration.ofHours(1), 0);
        long dayOld = postAt(Duration.ofDays(1), 0);
        long fresh = postAt(Duration.ZERO, 0);

        assertThat(ranker.rank(List.of(dayOld, fresh, hourOld), Map.of(), NOW)).containsExactly(fresh, hourOld, dayOld);
    }

    @Test
    void engagementOutweighsSomeAgeButNotAll() {
        long fresh = postAt(Duration.ZERO, 0);
        long dayOldLoved = postAt(Duration.ofDays(1), 0);
        long monthOldLoved = postAt(Duration.ofDays(30), 0);
        Map<Long, Double> engagement = Map.of(dayOldLoved, 0.9, monthOldLoved, 0.3);

        // 0.6 × 0.9 + 0.4 × 0.25 = 0.64 beats 0.4 × 1 = 0.4; 0.6 × 0.3 + ~0 = 0.18 does not.
        assertThat(ranker.rank(List.of(fresh, dayOldLoved, monthOldLoved), engagement, NOW))
                .containsExactly(dayOldLoved, fresh, monthOldLoved);
    }

    @Test
    void recencyHalvesEveryHalfLife() {
        long halfLifeOld = postAt(Duration.ofHours(12), 0);
        long fresh = postAt(Duration.ZERO, 0);
        // fresh: 0.4 × 1 = 0.4; twelve hours old with engagement e: 0.6e + 0.4 × 0.5 = 0.2 + 0.6e, equal at e = 1/3.
        assertThat(ranker.rank(List.of(fresh, halfLifeOld), Map.of(halfLifeOld, 0.34), NOW)).containsExactly(halfLifeOld, fresh);
        assertThat(ranker.rank(List.of(fresh, halfLifeOld), Map.of(halfLifeOld, 0.32), NOW)).containsExactly(fresh, halfLifeOld);
    }

    @Test
    void scoresOutsideZeroToOneAreClampedAndTiesGoToTheNewerPost() {
        long older = postAt(Duration.ofHours(2), 0);
        long newer = postAt(Duration.ofHours(2), 1);
        Map<Long, Double> engagement = Map.of(older, 50.0, newer, 1.0);

        assertThat(ranker.rank(List.of(older, newer, older), engagement, NOW)).containsExactly(newer, older);
    }
}
