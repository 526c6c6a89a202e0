package dev.shutter.ids;

import static dev.shutter.ids.Snowflake.EPOCH_MILLIS;
import static dev.shutter.ids.Snowflake.MAX_SEQUENCE;
import static dev.shutter.ids.Snowflake.SEQUENCE_BITS;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Issues Shutter IDs ({@link Snowflake} layout). It is thread-safe and lock-free. Use one
 * instance per process: two generators in the same process can issue the same ID.
 *
 * <p>One (millisecond, sequence) counter is shared by all shards. That makes each ID's
 * (millisecond, sequence) pair unique across the process, whatever its shard. So IDs never
 * repeat, and the IDs for one shard strictly increase. IDs for different shards are ordered
 * only by millisecond, because the shard bits sit above the sequence. The cost is that a
 * process issues at most 1,024 IDs per millisecond in total, which is about a million per
 * second. A caller that asks for more waits for the next millisecond.
 *
 * <p>Uniqueness holds within one generator only. The layout has no bits for the process or
 * machine, so two processes issuing IDs for the same shard in the same millisecond can clash.
 * Either give each shard a single writer, or let the primary key reject the duplicate and
 * retry with a new ID.
 *
 * <p>If the clock moves backwards, the generator first waits for it to catch up. This only
 * happens when the step back is within the tolerance ({@link #DEFAULT_BACKWARDS_TOLERANCE} by
 * default). A bigger step throws {@link ClockMovedBackwardsException}. In neither case does it
 * issue an ID it could have issued before.
 */
public final class IdGenerator {

    /**
     * 5 ms. Steps back this small come from the normal corrections of a disciplined clock and
     * from VM clock jitter, and a request hardly notices a wait this short. A bigger step, such
     * as an NTP step (usually 128 ms or more) or a one-second leap-second step, means the clock
     * is wrong. While the generator waits, every caller in the process waits too. So a big step
     * should be reported rather than waited out.
     */
    public static final Duration DEFAULT_BACKWARDS_TOLERANCE = Duration.ofMillis(5);

    /** Unpacks to millisecond -1, so the first clock reading is always later. */
    private static final long NOTHING_ISSUED = -1;

    private final InstantSource clock;
    private final Duration tolerance;
    private final long toleranceMillis;
    private final Pause pause;

    /**
     * The last issued ID's (ms after EPOCH << SEQUENCE_BITS | sequence), whatever its shard.
     * Packing both into one long lets a single CAS move them together.
     */
    private final AtomicLong last = new AtomicLong(NOTHING_ISSUED);

    /** Uses the system clock and the default tolerance. */
    public IdGenerator() {
        this(InstantSource.system());
    }

    /** Uses this clock and the default tolerance. */
    public IdGenerator(InstantSource clock) {
        this(clock, DEFAULT_BACKWARDS_TOLERANCE);
    }

    /**
     * @param clock read once per ID at millisecond precision; tests can pass one they control
     * @param backwardsTolerance the largest step back to wait out; {@link Duration#ZERO} makes
     *     every step back throw
     */
    public IdGenerator(InstantSource clock, Duration backwardsTolerance) {
        this(clock, backwardsTolerance, IdGenerator::pauseBriefly);
    }

    /** Lets tests replace real waiting with something that moves a fake clock forward. */
    IdGenerator(InstantSource clock, Duration backwardsTolerance, Pause pause) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(backwardsTolerance, "backwardsTolerance");
        if (backwardsTolerance.isNegative()) {
            throw new IllegalArgumentException("backwardsTolerance must not be negative: " + backwardsTolerance);
        }
        this.toleranceMillis = backwardsTolerance.toMillis();
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * A new ID for this shard: greater than every ID this generator has issued for the shard.
     * The call may wait briefly: up to the rest of the current millisecond when 1,024 IDs have
     * been issued in it, or up to the tolerance when the clock has stepped back.
     *
     * @param shard 0..{@value Snowflake#MAX_SHARD}; for a user's rows, use
     *     {@link Snowflake#shardForOwner(long)}
     * @throws IllegalArgumentException if the shard is out of range
     * @throws ClockMovedBackwardsException if the clock is further behind than the tolerance
     * @throws IllegalStateException if the clock reads a time the layout cannot encode
     */
    public long next(int shard) {
        Snowflake.checkShard(shard);
        while (true) {
            long prev = last.get();
            long prevMillis = prev >> SEQUENCE_BITS;
            // Read the clock after the state. Whoever wrote the state read the clock before
            // writing it, so a stale reading cannot look like a step back.
            long now = millisSinceEpoch();
            long next;
            if (now > prevMillis) {
                next = now << SEQUENCE_BITS;
            } else if (now == prevMillis) {
                if ((prev & MAX_SEQUENCE) == MAX_SEQUENCE) {
                    pause.await(1); // this millisecond is used up; the next one is < 1 ms away
                    continue;
                }
                next = prev + 1;
            } else {
                long behind = prevMillis - now;
                if (behind > toleranceMillis) {
                    throw new ClockMovedBackwardsException(
                            Instant.ofEpochMilli(prevMillis + EPOCH_MILLIS),
                            Instant.ofEpochMilli(now + EPOCH_MILLIS),
                            tolerance);
                }
                // Pause once, then check again from the top, so a further step back during
                // the wait is still caught.
                pause.await(behind);
                continue;
            }
            if (last.compareAndSet(prev, next)) {
                return Snowflake.pack(next >>> SEQUENCE_BITS, shard, (int) (next & MAX_SEQUENCE));
            }
            // Another thread issued an ID in between: start again from its state.
        }
    }

    private long millisSinceEpoch() {
        long epochMillis = clock.millis();
        long sinceEpoch = epochMillis - EPOCH_MILLIS;
        if (!Snowflake.timestampFits(sinceEpoch)) {
            throw new IllegalStateException("Clock reads " + Instant.ofEpochMilli(epochMillis)
                    + ", outside the range IDs can encode, " + Snowflake.EPOCH + " to "
                    + Snowflake.LAST_INSTANT);
        }
        return sinceEpoch;
    }

    /**
     * Waits about this long or less; the caller reads the clock again afterwards. Waits of 1 ms
     * or less spin, because parking overshoots by about as much as the wait itself. Longer
     * waits park for all but the last millisecond.
     */
    private static void pauseBriefly(long millis) {
        if (millis > 1) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis - 1));
        } else {
            Thread.onSpinWait();
        }
    }

    /** How the generator waits for the clock to reach a later millisecond. */
    @FunctionalInterface
    interface Pause {
        /** @param millis how far the clock is from the millisecond the generator needs (>= 1) */
        void await(long millis);
    }
}
