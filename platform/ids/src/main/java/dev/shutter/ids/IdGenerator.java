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
 * Issues Shutter IDs ({@link Snowflake} layout). It is thread-safe and lock-free. Every ID it
 * issues carries its worker ID.
 *
 * <p>Two running instances must never make the same ID. They share no state, so the worker ID
 * is what keeps their IDs apart. <b>Run each process with a worker ID that no other running
 * process holds</b>, and use one generator per process: two generators with the same worker,
 * in one process or in two, can issue the same ID. Up to {@value Snowflake#WORKER_COUNT}
 * processes can issue IDs at once. Handing out worker IDs is done outside this module;
 * post-service leases one per instance. A worker ID handed on to a new process is safe once
 * the previous holder has stopped, provided the new process's clock is not behind the
 * previous holder's last ID. A lease that must run out before it is handed on covers both.
 * The constructors without a worker use worker 0. That suits tests and a process that is alone,
 * but not one that runs next to others that may hold worker 0.
 *
 * <p>One (millisecond, sequence) counter is shared by all shards. That makes each ID's
 * (millisecond, sequence) pair unique within the generator, whatever its shard, and the worker
 * bits make it unique across processes. So IDs never repeat, and the IDs one generator issues
 * for one shard strictly increase. Other IDs are ordered only by millisecond: the shard and
 * worker bits sit above the sequence. The cost is that a process issues at most
 * {@value Snowflake#SEQUENCE_COUNT} IDs per millisecond in total, 16,000 per second. The
 * sequence gave up 6 of its 10 bits to the worker field; before, a process could issue 1,024
 * IDs per millisecond. A caller that asks for more waits for the next millisecond.
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

    private final int worker;
    private final InstantSource clock;
    private final Duration tolerance;
    private final long toleranceMillis;
    private final Pause pause;

    /**
     * The last issued ID's (ms after EPOCH << SEQUENCE_BITS | sequence), whatever its shard.
     * Packing both into one long lets a single CAS move them together.
     */
    private final AtomicLong last = new AtomicLong(NOTHING_ISSUED);

    /** Worker 0, the system clock and the default tolerance. */
    public IdGenerator() {
        this(InstantSource.system());
    }

    /** Worker 0, this clock and the default tolerance. */
    public IdGenerator(InstantSource clock) {
        this(clock, DEFAULT_BACKWARDS_TOLERANCE);
    }

    /** Worker 0; see {@link #IdGenerator(int, InstantSource, Duration)}. */
    public IdGenerator(InstantSource clock, Duration backwardsTolerance) {
        this(0, clock, backwardsTolerance);
    }

    /**
     * Uses the system clock and the default tolerance.
     *
     * @param worker 0..{@value Snowflake#MAX_WORKER}, held by no other running process
     * @throws IllegalArgumentException if the worker is out of range
     */
    public IdGenerator(int worker) {
        this(worker, InstantSource.system());
    }

    /**
     * Uses this clock and the default tolerance.
     *
     * @param worker 0..{@value Snowflake#MAX_WORKER}, held by no other running process
     * @throws IllegalArgumentException if the worker is out of range
     */
    public IdGenerator(int worker, InstantSource clock) {
        this(worker, clock, DEFAULT_BACKWARDS_TOLERANCE);
    }

    /**
     * @param worker 0..{@value Snowflake#MAX_WORKER}, held by no other running process: this is
     *     what keeps this process's IDs apart from theirs
     * @param clock read once per ID at millisecond precision; tests can pass one they control
     * @param backwardsTolerance the largest step back to wait out; {@link Duration#ZERO} makes
     *     every step back throw
     * @throws IllegalArgumentException if the worker is out of range or the tolerance negative
     */
    public IdGenerator(int worker, InstantSource clock, Duration backwardsTolerance) {
        this(worker, clock, backwardsTolerance, IdGenerator::pauseBriefly);
    }

    /** Worker 0, with a test's pause. */
    IdGenerator(InstantSource clock, Duration backwardsTolerance, Pause pause) {
        this(0, clock, backwardsTolerance, pause);
    }

    /** Lets tests replace real waiting with something that moves a fake clock forward. */
    IdGenerator(int worker, InstantSource clock, Duration backwardsTolerance, Pause pause) {
        Snowflake.checkWorker(worker);
        this.worker = worker;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(backwardsTolerance, "backwardsTolerance");
        if (backwardsTolerance.isNegative()) {
            throw new IllegalArgumentException("backwardsTolerance must not be negative: " + backwardsTolerance);
        }
        this.toleranceMillis = backwardsTolerance.toMillis();
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** The worker ID in every ID this generator issues (0..{@value Snowflake#MAX_WORKER}). */
    public int worker() {
        return worker;
    }

    /**
     * A new ID for this shard, carrying this generator's worker: greater than every ID this
     * generator has issued for the shard.
     * The call may wait briefly: up to the rest of the current millisecond when
     * {@value Snowflake#SEQUENCE_COUNT} IDs have been issued in it, or up to the tolerance when the clock has stepped back.
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
                return Snowflake.pack(next >>> SEQUENCE_BITS, shard, worker, (int) (next & MAX_SEQUENCE));
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
