package dev.shutter.ids;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The bit layout of a Shutter ID, and static readers for its fields.
 *
 * <pre>
 *   bit 63   62 ............ 23   22 ........ 10   9 ...... 4   3 ...... 0
 *   [ 0 ][ ms since EPOCH (40) ][ shard (13)    ][ worker (6) ][ seq (4)  ]
 * </pre>
 *
 * <p>The sign bit is kept 0 so IDs sort the same as signed {@code long}s and Postgres
 * {@code bigint}s. The timestamp has 40 bits: IDs can be issued until {@link #LAST_INSTANT}
 * (2060-11-03). The shard keeps its full 13 bits because callers see it, and rows live on it.
 *
 * <p>The worker field is there because two running instances must never make the same ID. The
 * generators of two processes share no state, so within one millisecond they can reach the same
 * shard and sequence. The worker ID, one per running process, keeps their IDs apart. It can only
 * do that if no two running processes hold the same worker ID; handing them out (leasing) is not
 * this module's job. The worker bits came out of the sequence, which used to have 10 bits. So
 * there are {@value #WORKER_COUNT} workers, and each issues at most {@value #SEQUENCE_COUNT} IDs
 * per millisecond. The time and shard fields kept their places, so an ID issued under the old
 * layout still reads back its time and shard. Its old low 10 bits now read as a worker and
 * sequence that mean nothing, and a generator of the old layout must not run next to new ones:
 * its sequence 16 is worker 1's sequence 0.
 *
 * <p>Time comes first, so IDs sort by creation time at millisecond resolution, whatever their
 * shard and worker. Within one millisecond they sort by shard, then by worker, then by sequence.
 */
public final class Snowflake {

    /** Time zero for the timestamp field. Recent, so the 40 bits last as long as possible. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** 4: each worker issues up to 16 IDs per millisecond. It was 10 until the worker field took 6. */
    public static final int SEQUENCE_BITS = 4;
    /** 6: enough for 64 running processes at once, each with its own worker ID. */
    public static final int WORKER_BITS = 6;
    public static final int SHARD_BITS = 13;
    /** Whatever is left after the sign bit, shard, worker and sequence: 40. */
    public static final int TIMESTAMP_BITS = Long.SIZE - 1 - SHARD_BITS - WORKER_BITS - SEQUENCE_BITS;

    public static final int SHARD_COUNT = 1 << SHARD_BITS;
    public static final int MAX_SHARD = SHARD_COUNT - 1;
    /** How many processes can issue IDs at the same time: each needs a worker ID of its own. */
    public static final int WORKER_COUNT = 1 << WORKER_BITS;
    public static final int MAX_WORKER = WORKER_COUNT - 1;
    /** How many IDs one worker can issue in one millisecond, all shards together. */
    public static final int SEQUENCE_COUNT = 1 << SEQUENCE_BITS;
    public static final int MAX_SEQUENCE = SEQUENCE_COUNT - 1;
    /** Largest timestamp field value, in milliseconds after {@link #EPOCH}. */
    public static final long MAX_TIMESTAMP = (1L << TIMESTAMP_BITS) - 1;
    /** The last millisecond an ID can encode. */
    public static final Instant LAST_INSTANT = EPOCH.plusMillis(MAX_TIMESTAMP);

    static final int WORKER_SHIFT = SEQUENCE_BITS;
    static final int SHARD_SHIFT = SEQUENCE_BITS + WORKER_BITS;
    static final int TIMESTAMP_SHIFT = SEQUENCE_BITS + WORKER_BITS + SHARD_BITS;
    static final long EPOCH_MILLIS = EPOCH.toEpochMilli();
    /** The first instant past the range, exclusive; anything in LAST_INSTANT's millisecond fits. */
    private static final Instant END = LAST_INSTANT.plusMillis(1);

    private Snowflake() {}

    /**
     * Builds the ID for these fields. Sub-millisecond precision in {@code time} is dropped.
     *
     * @param worker the issuing process's worker ID, 0..{@value #MAX_WORKER}
     * @param sequence 0..{@value #MAX_SEQUENCE}
     * @throws IllegalArgumentException if a field is out of range
     */
    public static long compose(Instant time, int shard, int worker, int sequence) {
        checkShard(shard);
        checkWorker(worker);
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException(
                    "Sequence " + sequence + " is out of range 0.." + MAX_SEQUENCE);
        }
        return pack(timestampField(time), shard, worker, sequence);
    }

    /**
     * {@link #compose(Instant, int, int, int)} for worker 0, the worker of
     * {@code new IdGenerator()}.
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public static long compose(Instant time, int shard, int sequence) {
        return compose(time, shard, 0, sequence);
    }

    /** When the ID was issued, to the millisecond. */
    public static Instant timestampOf(long id) {
        return Instant.ofEpochMilli(epochMillisOf(id));
    }

    /** When the ID was issued, in Unix epoch milliseconds (not milliseconds after {@link #EPOCH}). */
    public static long epochMillisOf(long id) {
        checkId(id);
        return (id >>> TIMESTAMP_SHIFT) + EPOCH_MILLIS;
    }

    /** The logical shard the ID was issued for (0..{@value #MAX_SHARD}). */
    public static int shardOf(long id) {
        checkId(id);
        return (int) ((id >>> SHARD_SHIFT) & MAX_SHARD);
    }

    /** The worker ID of the process that issued the ID (0..{@value #MAX_WORKER}). */
    public static int workerOf(long id) {
        checkId(id);
        return (int) ((id >>> WORKER_SHIFT) & MAX_WORKER);
    }

    /** The ID's position among IDs issued by the same generator in the same millisecond. */
    public static int sequenceOf(long id) {
        checkId(id);
        return (int) (id & MAX_SEQUENCE);
    }

    /**
     * The shard for a new row owned by this user, e.g. {@code ids.next(shardForOwner(userId))}
     * for a post. It is the shard in the user's own ID, so all of a user's rows share one shard
     * and can be read from one place.
     */
    public static int shardForOwner(long ownerId) {
        return shardOf(ownerId);
    }

    /**
     * Picks a shard for a new account. Use it as {@code ids.next(shardForNewUser())} to make the
     * user's ID.
     *
     * <p>The choice is random. The shard is stored in the user's ID and never recomputed, so it
     * only needs to be spread evenly. Hashing a user attribute would give nothing extra, and
     * usernames and emails can change anyway. Random picks need no coordination. They also
     * avoid the hotspots a time-based choice would create when many people sign up at once.
     * An even spread lets whole logical shards move between databases later.
     */
    public static int shardForNewUser() {
        return shardForNewUser(ThreadLocalRandom.current());
    }

    /** {@link #shardForNewUser()} with a given source of randomness, for reproducible tests. */
    public static int shardForNewUser(RandomGenerator random) {
        return random.nextInt(SHARD_COUNT);
    }

    /**
     * The smallest ID that can exist for this millisecond (shard 0, worker 0, sequence 0). For "created
     * since t" queries, use {@code id >= minIdAt(t)}. This includes the whole millisecond
     * containing {@code t}, because IDs are only precise to the millisecond.
     *
     * @throws IllegalArgumentException if {@code time} is before {@link #EPOCH} or after
     *     {@link #LAST_INSTANT}
     */
    public static long minIdAt(Instant time) {
        return pack(timestampField(time), 0, 0, 0);
    }

    /**
     * The largest ID that can exist for this millisecond, whichever worker issued it (shard
     * {@value #MAX_SHARD}, worker {@value #MAX_WORKER}, sequence {@value #MAX_SEQUENCE}). For
     * "created up to t" queries, use {@code id <= maxIdAt(t)}.
     *
     * @throws IllegalArgumentException as for {@link #minIdAt(Instant)}
     */
    public static long maxIdAt(Instant time) {
        return pack(timestampField(time), MAX_SHARD, MAX_WORKER, MAX_SEQUENCE);
    }

    static void checkShard(int shard) {
        if (shard < 0 || shard > MAX_SHARD) {
            throw new IllegalArgumentException("Shard " + shard + " is out of range 0.." + MAX_SHARD);
        }
    }

    static void checkWorker(int worker) {
        if (worker < 0 || worker > MAX_WORKER) {
            throw new IllegalArgumentException("Worker " + worker + " is out of range 0.." + MAX_WORKER);
        }
    }

    /** No range checks: callers pass fields that are already valid. */
    static long pack(long timestampField, int shard, int worker, int sequence) {
        return timestampField << TIMESTAMP_SHIFT
                | (long) shard << SHARD_SHIFT
                | (long) worker << WORKER_SHIFT
                | sequence;
    }

    /** Whether this many milliseconds after {@link #EPOCH} fits in the timestamp field. */
    static boolean timestampFits(long millisSinceEpoch) {
        return millisSinceEpoch >= 0 && millisSinceEpoch <= MAX_TIMESTAMP;
    }

    private static long timestampField(Instant time) {
        // Compare Instants before calling toEpochMilli(): that overflows for extreme Instants.
        if (time.isBefore(EPOCH) || !time.isBefore(END)) {
            throw new IllegalArgumentException(
                    time + " is outside the range IDs can encode, " + EPOCH + " to " + LAST_INSTANT);
        }
        return time.toEpochMilli() - EPOCH_MILLIS;
    }

    private static void checkId(long id) {
        // Catches sentinels such as -1 before they can be read as a real shard or time.
        if (id < 0) {
            throw new IllegalArgumentException("Not a Shutter ID (negative): " + id);
        }
    }
}
