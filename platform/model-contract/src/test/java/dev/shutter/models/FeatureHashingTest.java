package dev.shutter.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureHashingTest {

    @Test
    void everyValueLandsOnARealRowAndAlwaysTheSameOne() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40), integers().between(2, 1 << 20))
                .checkAssert((value, buckets) -> {
                    long row = FeatureHashing.row("tag", value, buckets);
                    assertThat(row).isBetween(1L, buckets - 1L);
                    assertThat(FeatureHashing.row("tag", value, buckets)).isEqualTo(row);
                });
    }

    @Test
    void rowsArePinned() {
        // Trained models depend on these: a change of hashing must show here, not in Explore's quality.
        assertThat(FeatureHashing.row("tag", "sunset", TwoTower.TAG_BUCKETS)).isEqualTo(PINNED_SUNSET);
        assertThat(FeatureHashing.row("token", "sunset", TwoTower.TOKEN_BUCKETS)).isEqualTo(PINNED_SUNSET_TOKEN);
    }

    @Test
    void namespacesKeepTheSameWordApart() {
        long collisions = java.util.stream.IntStream.range(0, 1_000)
                .filter(i -> FeatureHashing.row("tag", "w" + i, 1 << 15) == FeatureHashing.row("token", "w" + i, 1 << 15))
                .count();
        assertThat(collisions).isLessThan(5);
    }

    @Test
    void listsAreTruncatedOrPaddedWithTheEmptyRow() {
        long[] rows = FeatureHashing.rows("tag", List.of("a", "b", "c"), 100, 5);
        assertThat(rows).hasSize(5);
        assertThat(rows[0]).isEqualTo(FeatureHashing.row("tag", "a", 100));
        assertThat(rows[3]).isZero();
        assertThat(rows[4]).isZero();
        assertThat(FeatureHashing.rows("tag", List.of("a", "b", "c"), 100, 2)).hasSize(2)
                .containsExactly(FeatureHashing.row("tag", "a", 100), FeatureHashing.row("tag", "b", 100));
        assertThatThrownBy(() -> FeatureHashing.row("tag", "a", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** MurmurHash3 x86_32, seed 0, of "tag:sunset" / "token:sunset", by an independent implementation, mod 32767, plus 1. */
    private static final long PINNED_SUNSET = 31_425;
    private static final long PINNED_SUNSET_TOKEN = 13_198;
}
