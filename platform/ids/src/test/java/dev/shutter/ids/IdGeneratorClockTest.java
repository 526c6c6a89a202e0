package dev.shutter.ids;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Waiting: a used-up millisecond, and a clock that moves backwards. */
class IdGeneratorClockTest {

    private static final Instant T = Instant.parse("2026-05-17T12:34:56.789Z");

    private final FakeClock clock = new FakeClock(T);
    private final ClockAdvancingPause pause = new ClockAdvancingPause(clock);
    private final IdGenerator ids = new IdGenerator(clock, IdGenerator.DEFAULT_BACKWARDS_TOLERANCE, pause);

    @Test
    void the1025thIdInAMillisecondWaitsForTheNextOne() {
        long previous = -1;
        for (int i = 0; i <= Snowflake.MAX_SEQUENCE; i++) {
            long id = ids.next(3);
            assertThat(Snowflake.timestampOf(id)).isEqualTo(T);
            assertThat(Snowflake.sequenceOf(id)).isEqualTo(i);
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        assertThat(pause.requests()).isEmpty();

        long overflow = ids.next(3);

        assertThat(pause.requests()).containsExactly(1L);
        assertThat(Snowflake.timestampOf(overflow)).isEqualTo(T.plusMillis(1));
        assertThat(Snowflake.sequenceOf(overflow)).isZero();
        assertThat(overflow).isGreaterThan(previous);
    }

    @Test
    void oneMillisecondHolds1024IdsAcrossAllShards() {
        for (int i = 0; i <= Snowflake.MAX_SEQUENCE; i++) {
            ids.next(i);
        }
        assertThat(pause.requests()).isEmpty();

        long overflow = ids.next(5000);

        assertThat(pause.requests()).hasSize(1);
        assertThat(Snowflake.timestampOf(overflow)).isEqualTo(T.plusMillis(1));
    }

    @Test
    void withTheRealPauseTheOverflowingCallBlocksUntilTheClockMoves() throws Exception {
        IdGenerator real = new IdGenerator(clock);
        long last = 0;
        for (int i = 0; i <= Snowflake.MAX_SEQUENCE; i++) {
            last = real.next(3);
        }

        long readsBefore = clock.reads();
        CompletableFuture<Long> blocked = Background.start(() -> real.next(3));
        // A waiting generator keeps polling the clock. One that does not wait returns after a
        // single read. So many reads without a result show it is waiting; no timing involved.
        while (!blocked.isDone() && clock.reads() < readsBefore + 1_000) {
            Thread.onSpinWait();
        }
        assertThat(blocked).isNotDone();

        clock.advance(1);
        long overflow = blocked.get(30, SECONDS);

        assertThat(Snowflake.timestampOf(overflow)).isEqualTo(T.plusMillis(1));
        assertThat(Snowflake.sequenceOf(overflow)).isZero();
        assertThat(overflow).isGreaterThan(last);
    }

    @Test
    void aSmallStepBackIsWaitedOut() {
        long before = ids.next(1);
        clock.back(3);

        long after = ids.next(1);

        // It waited until the clock was back at T, then continued T's sequence.
        assertThat(pause.requests()).containsExactly(3L, 2L, 1L);
        assertThat(after).isGreaterThan(before);
        assertThat(Snowflake.timestampOf(after)).isEqualTo(T);
        assertThat(Snowflake.sequenceOf(after)).isEqualTo(1);
    }

    @Test
    void aStepBackOfExactlyTheToleranceIsWaitedOut() {
        long before = ids.next(1);
        clock.back(IdGenerator.DEFAULT_BACKWARDS_TOLERANCE.toMillis());

        long after = ids.next(1);

        assertThat(pause.requests()).hasSize((int) IdGenerator.DEFAULT_BACKWARDS_TOLERANCE.toMillis());
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void aBigStepBackThrowsAndIssuesNothing() {
        long before = ids.next(1);
        clock.back(6);

        assertThatThrownBy(() -> ids.next(1))
                .isInstanceOfSatisfying(ClockMovedBackwardsException.class, e -> {
                    assertThat(e.behind()).isEqualTo(Duration.ofMillis(6));
                    assertThat(e.lastIssuedAt()).isEqualTo(T);
                    assertThat(e.clockReading()).isEqualTo(T.minusMillis(6));
                    assertThat(e.tolerance()).isEqualTo(IdGenerator.DEFAULT_BACKWARDS_TOLERANCE);
                })
                .hasMessageContaining("moved backwards by 6 ms");
        assertThat(pause.requests()).isEmpty();

        // Once the clock is back, issuing resumes where it stopped, with no repeat.
        clock.set(T);
        long after = ids.next(1);
        assertThat(after).isGreaterThan(before);
        assertThat(Snowflake.sequenceOf(after)).isEqualTo(1);
    }

    @Test
    void aFurtherStepBackDuringTheWaitIsCaught() {
        IdGenerator stepping = new IdGenerator(clock, Duration.ofMillis(5), millis -> clock.back(10));
        stepping.next(1);
        clock.back(2);

        assertThatThrownBy(() -> stepping.next(1)).isInstanceOf(ClockMovedBackwardsException.class);
    }

    @Test
    void zeroToleranceRejectsAnyStepBack() {
        IdGenerator strict = new IdGenerator(clock, Duration.ZERO, pause);
        strict.next(1);
        clock.back(1);

        assertThatThrownBy(() -> strict.next(1)).isInstanceOf(ClockMovedBackwardsException.class);
    }

    @Test
    void aLargerToleranceWaitsOutLargerSteps() {
        IdGenerator lenient = new IdGenerator(clock, Duration.ofMillis(50), pause);
        long before = lenient.next(1);
        clock.back(40);

        assertThat(lenient.next(1)).isGreaterThan(before);
        assertThat(pause.requests()).hasSize(40);
    }

    @Test
    void withTheRealPauseRepeatedSmallStepsBackKeepIdsIncreasing() {
        // The system clock, shifted by an offset the test can step back.
        AtomicLong offset = new AtomicLong();
        InstantSource stepping = () -> Instant.ofEpochMilli(System.currentTimeMillis() + offset.get());
        IdGenerator real = new IdGenerator(stepping);

        long previous = -1;
        for (int i = 0; i < 5_000; i++) {
            if (i % 500 == 499) {
                offset.addAndGet(-2); // within the 5 ms tolerance, so it must wait, not throw
            }
            long id = real.next(77);
            if (id <= previous) {
                throw new AssertionError("ID " + id + " at index " + i + " is not above " + previous);
            }
            previous = id;
        }
    }
}
