package dev.shutter.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankerFeaturesTest {

    @Test
    void aRowIsInTheSignaturesOrder() {
        float[] row = RankerFeatures.row(0.25f, 30.5, 9, 3, 0.4f, true, 20);
        assertThat(row).hasSize(Ranker.FEATURES.size());
        assertThat(row[0]).isEqualTo(0.25f);
        assertThat(row[1]).isEqualTo(30.5f);
        assertThat((double) row[2]).isCloseTo(Math.log1p(3), within(1e-6));
        assertThat(row[3]).isEqualTo(0.4f);
        assertThat(row[4]).isEqualTo(1f);
        assertThat((double) row[5]).isCloseTo(Math.log1p(20), within(1e-6));
        // An author with engagements but no post in the window: per one post, not a division by zero.
        assertThat((double) RankerFeatures.row(0, 0, 4, 0, 0, false, 0)[2]).isCloseTo(Math.log1p(4), within(1e-6));
    }

    @Test
    void tagAffinityIsTheShareOfTheHistoryThatSharesATag() {
        long[] sunset = tags("sunset", "beach");
        long[][] history = {tags("beach"), tags("city", "night"), tags("sunset"), tags()};
        assertThat(RankerFeatures.tagAffinity(history, sunset)).isEqualTo(0.5f);
        assertThat(RankerFeatures.tagAffinity(history, tags())).isZero();
        assertThat(RankerFeatures.tagAffinity(new long[0][], sunset)).isZero();
    }

    private static long[] tags(String... names) {
        return ItemFeatures.of(List.of(names), List.of(), 1, false, null).tags();
    }
}
