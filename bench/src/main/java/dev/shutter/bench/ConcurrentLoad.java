package dev.shutter.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs an operation a fixed number of times from a fixed number of workers, recording latencies. */
public final class ConcurrentLoad {

    @FunctionalInterface
    public interface Operation {
        void run(int index) throws Exception;
    }

    private ConcurrentLoad() {}

    /** Runs as {@link #run} and fails, with the first failure as the cause, if any operation failed. */
    public static LatencyRecorder runOrFail(String what, int workers, int operations, Operation operation)
            throws InterruptedException {
        return run(workers, operations, operation).requireNoErrors(what);
    }

    public static LatencyRecorder run(int workers, int operations, Operation operation) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(operations);
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < operations) {
                        long start = System.nanoTime();
                        try {
                            operation.run(i);
                            recorder.record(System.nanoTime() - start);
                        } catch (Exception e) {
                            recorder.error(e);
                        }
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("load did not finish");
            }
        }
        return recorder;
    }
}
