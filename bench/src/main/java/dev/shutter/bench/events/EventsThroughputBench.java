package dev.shutter.bench.events;

import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.testsupport.TestRedis;
import java.util.Arrays;
import java.util.Random;

/**
 * Events throughput: publish → receive → ack through the Redis Streams adapter with 1 KiB
 * payloads, beside the raw pipelined XADD rate of the same Redis in the same run.
 * Target: the adapter reaches at least 30% of the raw rate.
 */
public final class EventsThroughputBench {

    private static final int MESSAGES = Integer.getInteger("bench.events.messages", 100_000);
    private static final int ROUNDS = Integer.getInteger("bench.events.rounds", 3);
    private static final int CONCURRENCY = Integer.getInteger("bench.events.concurrency", 64);

    private EventsThroughputBench() {}

    public static void run() {
        TestRedis redis = TestRedis.shared();
        byte[] payload = new byte[1024];
        new Random(42).nextBytes(payload);
        System.out.printf("events: %d messages of %d bytes per round, %d rounds (median reported), consumer concurrency %d%n",
                MESSAGES, payload.length, ROUNDS, CONCURRENCY);
        try (RedisStreamEventBus bus = RedisStreamEventBus.create(redis.uri())) {
            // Warm-up of both paths: JIT, connections, Redis allocations.
            RawXaddRate.measure(redis.host(), redis.port(), "bench:warmup:raw", MESSAGES / 5, payload);
            AdapterRoundTripRate.measure(bus, "bench.warmup", MESSAGES / 5, CONCURRENCY, payload);

            double[] raw = new double[ROUNDS];
            double[] adapter = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                raw[round] = RawXaddRate.measure(redis.host(), redis.port(), "bench:raw:" + round, MESSAGES, payload);
                adapter[round] = AdapterRoundTripRate.measure(bus, "bench.round" + round, MESSAGES, CONCURRENCY, payload);
                System.out.printf("  round %d: raw XADD %,.0f msg/s, adapter %,.0f msg/s%n", round + 1, raw[round], adapter[round]);
            }
            double rawMedian = median(raw);
            double adapterMedian = median(adapter);
            double ratio = adapterMedian / rawMedian;
            System.out.printf("raw pipelined XADD:              %,12.0f msg/s%n", rawMedian);
            System.out.printf("adapter publish→receive→ack:     %,12.0f msg/s%n", adapterMedian);
            System.out.printf("ratio: %.1f%% of raw (target ≥ 30%%): %s%n", ratio * 100, ratio >= 0.30 ? "MET" : "NOT MET");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
