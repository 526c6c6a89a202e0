package dev.shutter.ids;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Many threads on one generator, using the real clock and real waiting. */
class IdGeneratorConcurrencyTest {

    private static final int THREADS = 4;

    @Test
    void idsFromFourThreadsOnOneShardAreUnique() throws Exception {
        IdGenerator ids = new IdGenerator();
        // One shard for all threads: this is the hard case. With different shards, the shard
        // bits alone would keep IDs apart.
        // 16 IDs per millisecond per worker: 20,000 IDs span over a second of contended milliseconds.
        long[][] perThread = issueConcurrently(ids, 5_000, thread -> 42);

        for (long[] issued : perThread) {
            assertStrictlyIncreasing(issued);
        }
        long[] all = concat(perThread);
        assertThat(all).hasSize(20_000);
        assertNoDuplicates(all);
    }

    @Test
    void threadsOnDifferentShardsNeverShareAMillisecondAndSequence() throws Exception {
        IdGenerator ids = new IdGenerator();
        int[] shards = {0, 1, 4096, Snowflake.MAX_SHARD};
        long[][] perThread = issueConcurrently(ids, 5_000, thread -> shards[thread]);

        for (int t = 0; t < THREADS; t++) {
            assertStrictlyIncreasing(perThread[t]);
            assertThat(Snowflake.shardOf(perThread[t][0])).isEqualTo(shards[t]);
        }
        // Remove the shard bits. What remains, the (ms, sequence) pair, must still be unique,
        // because the generator's sequence is shared by all shards.
        long[] withoutShard = Arrays.stream(concat(perThread))
                .map(id -> id & ~((long) Snowflake.MAX_SHARD << Snowflake.SHARD_SHIFT))
                .toArray();
        assertNoDuplicates(withoutShard);
    }

    private static long[][] issueConcurrently(IdGenerator ids, int perThread, ShardOfThread shardOf)
            throws Exception {
        long[][] issued = new long[THREADS][perThread];
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long[] mine = issued[t];
            int shard = shardOf.shard(t);
            done.add(Background.start(() -> {
                start.await(); // start together so the threads contend
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = ids.next(shard);
                }
                return null;
            }));
        }
        for (CompletableFuture<Void> f : done) {
            f.get(120, SECONDS); // a safety net against a hang, not a timing assertion
        }
        return issued;
    }

    private static void assertStrictlyIncreasing(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new AssertionError("ID " + ids[i] + " at index " + i + " is not above " + ids[i - 1]);
            }
        }
    }

    private static void assertNoDuplicates(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new AssertionError("Duplicate: " + sorted[i]);
            }
        }
    }

    private static long[] concat(long[][] arrays) {
        return Arrays.stream(arrays).flatMapToLong(Arrays::stream).toArray();
    }

    @FunctionalInterface
    private interface ShardOfThread {
        int shard(int thread);
    }
}
