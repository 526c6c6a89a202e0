package dev.shutter.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SnowflakeTest {

    private static final Instant T = Instant.parse("2026-05-17T12:34:56.789Z");

    @Test
    void layoutUsesEveryBitExceptTheSign() {
        assertThat(Snowflake.TIMESTAMP_BITS + Snowflake.SHARD_BITS + Snowflake.WORKER_BITS + Snowflake.SEQUENCE_BITS)
                .isEqualTo(63);
        assertThat(Snowflake.TIMESTAMP_BITS).isEqualTo(40);
        assertThat(Snowflake.EPOCH).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(Snowflake.MAX_SHARD).isEqualTo(8191);
        assertThat(Snowflake.MAX_WORKER).isEqualTo(63);
        assertThat(Snowflake.MAX_SEQUENCE).isEqualTo(15);
        assertThat(Snowflake.compose(Snowflake.EPOCH, 0, 0)).isZero();
        assertThat(Snowflake.compose(Snowflake.LAST_INSTANT, Snowflake.MAX_SHARD, Snowflake.MAX_WORKER, Snowflake.MAX_SEQUENCE))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void placesFieldsAtTheirBits() {
        // 1 ms after the epoch, shard 1, sequence 1: one bit set in each field.
        long id = Snowflake.compose(Snowflake.EPOCH.plusMillis(1), 1, 1);
        assertThat(id).isEqualTo(1L << 23 | 1L << 10 | 1L);
        // ... and worker 1 sits between the shard and the sequence.
        assertThat(Snowflake.compose(Snowflake.EPOCH.plusMillis(1), 1, 1, 1)).isEqualTo(1L << 23 | 1L << 10 | 1L << 4 | 1L);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-01-01T00:00:00Z,      0,    0,  0",
        "2026-05-17T12:34:56.789Z,  42,   9,  7",
        "2026-05-17T12:34:56.789Z,  8191, 0,  0",
        "2026-05-17T12:34:56.789Z,  0,    63, 15",
        "2060-11-03T19:53:47.775Z,  8191, 63, 15",
        "2041-02-28T23:59:59.999Z,  4096, 32, 8",
    })
    void readsBackWhatWasComposed(Instant time, int shard, int worker, int sequence) {
        long id = Snowflake.compose(time, shard, worker, sequence);

        assertThat(id).isNotNegative();
        assertThat(Snowflake.timestampOf(id)).isEqualTo(time);
        assertThat(Snowflake.epochMillisOf(id)).isEqualTo(time.toEpochMilli());
        assertThat(Snowflake.shardOf(id)).isEqualTo(shard);
        assertThat(Snowflake.workerOf(id)).isEqualTo(worker);
        assertThat(Snowflake.sequenceOf(id)).isEqualTo(sequence);
    }

    @Test
    void dropsSubMillisecondPrecision() {
        long id = Snowflake.compose(T.plusNanos(999_999), 3, 4);
        assertThat(Snowflake.timestampOf(id)).isEqualTo(T);
    }

    @Test
    void sortsByTimeBeforeShardAndSequence() {
        long earlierWithHighFields = Snowflake.compose(T, Snowflake.MAX_SHARD, Snowflake.MAX_SEQUENCE);
        long laterWithLowFields = Snowflake.compose(T.plusMillis(1), 0, 0);
        assertThat(earlierWithHighFields).isLessThan(laterWithLowFields);
    }

    @Test
    void minAndMaxIdAtBoundTheMillisecond() {
        long min = Snowflake.minIdAt(T);
        long max = Snowflake.maxIdAt(T);

        assertThat(min).isEqualTo(Snowflake.compose(T, 0, 0));
        assertThat(max).isEqualTo(Snowflake.compose(T, Snowflake.MAX_SHARD, Snowflake.MAX_WORKER, Snowflake.MAX_SEQUENCE));
        assertThat(Snowflake.maxIdAt(T.minusMillis(1))).isEqualTo(min - 1);
        assertThat(Snowflake.minIdAt(T.plusMillis(1))).isEqualTo(max + 1);
        assertThat(Snowflake.compose(T, 100, 5)).isBetween(min, max);
        assertThat(Snowflake.minIdAt(T.plusNanos(500_000))).isEqualTo(min);
    }

    @Test
    void rejectsTimesOutsideTheRange() {
        Instant beforeEpoch = Snowflake.EPOCH.minusMillis(1);
        Instant pastEnd = Snowflake.LAST_INSTANT.plusMillis(1);

        for (Instant outside : new Instant[] {beforeEpoch, pastEnd, Instant.MAX, Instant.MIN}) {
            assertThatThrownBy(() -> Snowflake.minIdAt(outside))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside the range");
            assertThatThrownBy(() -> Snowflake.maxIdAt(outside)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Snowflake.compose(outside, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        // The last millisecond itself, including its sub-millisecond part, is still in range.
        assertThat(Snowflake.maxIdAt(Snowflake.LAST_INSTANT.plusNanos(999_999))).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 8192, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsShardOutOfRange(int shard) {
        assertThatThrownBy(() -> Snowflake.compose(T, shard, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Shard " + shard);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 16, 1024})
    void rejectsSequenceOutOfRange(int sequence) {
        assertThatThrownBy(() -> Snowflake.compose(T, 0, sequence))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Sequence " + sequence);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 64})
    void rejectsWorkerOutOfRange(int worker) {
        assertThatThrownBy(() -> Snowflake.compose(T, 0, worker, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdGenerator(worker)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoWorkersNeverIssueTheSameIdInTheSameMillisecond() {
        FakeClock clock = new FakeClock(T);
        IdGenerator one = new IdGenerator(3, clock);
        IdGenerator two = new IdGenerator(4, clock);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i <= Snowflake.MAX_SEQUENCE; i++) {
            ids.add(one.next(100));
            ids.add(two.next(100));
        }
        assertThat(ids).hasSize(2 * Snowflake.SEQUENCE_COUNT);
    }

    @Test
    void rejectsNegativeIds() {
        assertThatThrownBy(() -> Snowflake.shardOf(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Snowflake.sequenceOf(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Snowflake.timestampOf(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsOfAUserGoToTheShardInTheUsersId() {
        long userId = Snowflake.compose(T, 5000, 11, 7);
        long postId = new IdGenerator(new FakeClock(T.plusSeconds(60))).next(Snowflake.shardForOwner(userId));

        assertThat(Snowflake.shardForOwner(userId)).isEqualTo(5000);
        assertThat(Snowflake.shardOf(postId)).isEqualTo(5000);
    }

    @Test
    void newUsersSpreadOverAllShards() {
        Random random = new Random(20260101);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            int shard = Snowflake.shardForNewUser(random);
            assertThat(shard).isBetween(0, Snowflake.MAX_SHARD);
            seen.add(shard);
        }
        // 100k uniform draws over 8192 shards miss fewer than one shard on average.
        assertThat(seen).hasSizeGreaterThan(8100);
    }

    @Test
    void defaultNewUserShardIsInRangeAndVaries() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            int shard = Snowflake.shardForNewUser();
            assertThat(shard).isBetween(0, Snowflake.MAX_SHARD);
            seen.add(shard);
        }
        assertThat(seen).hasSizeGreaterThan(1000);
    }
}
