package dev.shutter.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single-threaded behaviour: field readback, ordering, validation. */
class IdGeneratorTest {

    private static final Instant T = Instant.parse("2026-05-17T12:34:56.789Z");

    private final FakeClock clock = new FakeClock(T);
    private final ClockAdvancingPause pause = new ClockAdvancingPause(clock);
    private final IdGenerator ids = new IdGenerator(clock, IdGenerator.DEFAULT_BACKWARDS_TOLERANCE, pause);

    @Test
    void fieldsReadBackAsTheClockAndShardAndSequence() {
        long first = ids.next(17);
        long second = ids.next(17);
        clock.advance(5);
        long later = ids.next(17);

        assertThat(Snowflake.timestampOf(first)).isEqualTo(T);
        assertThat(Snowflake.shardOf(first)).isEqualTo(17);
        assertThat(Snowflake.sequenceOf(first)).isZero();

        assertThat(Snowflake.timestampOf(second)).isEqualTo(T);
        assertThat(Snowflake.sequenceOf(second)).isEqualTo(1);

        // A new millisecond starts the sequence again.
        assertThat(Snowflake.timestampOf(later)).isEqualTo(T.plusMillis(5));
        assertThat(Snowflake.shardOf(later)).isEqualTo(17);
        assertThat(Snowflake.sequenceOf(later)).isZero();

        assertThat(first).isLessThan(second).isLessThan(later);
        assertThat(pause.requests()).isEmpty();
    }

    @Test
    void allShardsShareOneSequence() {
        long a = ids.next(9);
        long b = ids.next(4000);
        long c = ids.next(9);

        assertThat(Snowflake.sequenceOf(a)).isZero();
        assertThat(Snowflake.sequenceOf(b)).isEqualTo(1);
        assertThat(Snowflake.sequenceOf(c)).isEqualTo(2);
        assertThat(Snowflake.shardOf(b)).isEqualTo(4000);
        assertThat(a).isLessThan(c);
    }

    @Test
    void idsFromTheRealClockStrictlyIncreaseAndCarryTheCurrentTime() {
        IdGenerator real = new IdGenerator();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long previous = -1;
        long first = 0;
        for (int i = 0; i < 200_000; i++) {
            long id = real.next(123);
            if (id <= previous) {
                throw new AssertionError("ID " + id + " at index " + i + " is not above " + previous);
            }
            if (i == 0) {
                first = id;
            }
            previous = id;
        }
        Instant after = Instant.now();

        assertThat(Snowflake.timestampOf(first)).isBetween(before, after);
        assertThat(Snowflake.timestampOf(previous)).isBetween(before, after);
        assertThat(Snowflake.shardOf(previous)).isEqualTo(123);
    }

    @Test
    void theLastEncodableMillisecondStillWorks() {
        clock.set(Snowflake.LAST_INSTANT);

        long id = ids.next(Snowflake.MAX_SHARD);

        assertThat(id).isPositive();
        assertThat(Snowflake.timestampOf(id)).isEqualTo(Snowflake.LAST_INSTANT);
        assertThat(Snowflake.shardOf(id)).isEqualTo(Snowflake.MAX_SHARD);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 8192, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsShardOutOfRange(int shard) {
        assertThatThrownBy(() -> ids.next(shard))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range 0..8191");

        // A rejected call consumes nothing.
        assertThat(Snowflake.sequenceOf(ids.next(0))).isZero();
    }

    @Test
    void rejectsAClockPastTheLastEncodableMillisecond() {
        clock.set(Snowflake.LAST_INSTANT.plusMillis(1));

        assertThatThrownBy(() -> ids.next(0))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the range IDs can encode")
                .hasMessageContaining(Snowflake.LAST_INSTANT.toString());
    }

    @Test
    void rejectsAClockBeforeTheEpoch() {
        clock.set(Snowflake.EPOCH.minusMillis(1));

        assertThatThrownBy(() -> ids.next(0))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the range IDs can encode");
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertThatThrownBy(() -> new IdGenerator(clock, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdGenerator((InstantSource) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new IdGenerator(clock, null)).isInstanceOf(NullPointerException.class);
    }
}
