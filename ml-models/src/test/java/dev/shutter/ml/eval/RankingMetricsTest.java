package dev.shutter.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void recallCountsRelevantItemsInTheFirstK() {
        int[] ranked = {5, 1, 9, 2, 7};
        assertThat(RankingMetrics.recall(ranked, Set.of(1, 7, 42), 2)).isEqualTo(1 / 3.0);
        assertThat(RankingMetrics.recall(ranked, Set.of(1, 7, 42), 5)).isEqualTo(2 / 3.0);
        assertThat(RankingMetrics.recall(ranked, Set.of(1, 7, 42), 100)).isEqualTo(2 / 3.0);
    }

    @Test
    void ndcgIsOneForTheIdealOrderAndDiscountsLaterHits() {
        assertThat(RankingMetrics.ndcg(new int[] {3, 4, 8}, Set.of(3, 4), 3)).isEqualTo(1.0);
        // One of two relevant items, at rank 2: (1/log2 3) / (1 + 1/log2 3).
        double expected = (1 / log2(3)) / (1 + 1 / log2(3));
        assertThat(RankingMetrics.ndcg(new int[] {8, 3, 9}, Set.of(3, 4), 3)).isCloseTo(expected, within(1e-12));
        assertThat(RankingMetrics.ndcg(new int[] {8, 9, 3}, Set.of(3), 2)).isZero();
    }

    @Test
    void refusesAUserWithNothingRelevant() {
        assertThatThrownBy(() -> RankingMetrics.recall(new int[] {1}, Set.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.ndcg(new int[] {1}, Set.of(), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
