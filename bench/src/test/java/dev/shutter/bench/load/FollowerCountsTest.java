package dev.shutter.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FollowerCountsTest {

    @Test
    void exactlyTheChosenAccountsAreOverTheThreshold() {
        int[] counts = FollowerCounts.draw(500, 3, 100, new Random(1));

        assertThat(Arrays.stream(counts).filter(c -> c >= 100).count()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(counts[i]).isGreaterThan(100).isLessThanOrEqualTo(499);
        }
    }

    @Test
    void mostAccountsHaveAFewFollowersAndTheTailIsLong() {
        int[] counts = FollowerCounts.draw(2000, 0, 1000, new Random(2));
        int[] sorted = counts.clone();
        Arrays.sort(sorted);

        assertThat(sorted[1000]).isLessThanOrEqualTo(3); // median
        assertThat(sorted[1999]).isGreaterThan(30);      // a few far above it
        assertThat(sorted[0]).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aNetworkTooSmallForCelebritiesHasNone() {
        int[] counts = FollowerCounts.draw(20, 2, 100, new Random(3));

        assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThanOrEqualTo(19);
    }
}
