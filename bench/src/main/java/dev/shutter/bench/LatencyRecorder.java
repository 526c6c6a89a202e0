package dev.shutter.bench;

import java.util.Arrays;

/** Records request latencies and reports percentiles (exact: every sample is kept). */
public final class LatencyRecorder {

    private long[] samples;
    private int count;
    private long errors;
    private Throwable firstFailure;

    public LatencyRecorder(int expected) {
        samples = new long[Math.max(16, expected)];
    }

    public synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized void error() {
        errors++;
    }

    /** Counts a failure and keeps the first one, to say what went wrong. */
    public synchronized void error(Throwable cause) {
        if (firstFailure == null) {
            firstFailure = cause;
        }
        errors++;
    }

    /** Throws, with the first failure as its cause, if any operation failed; else returns this. */
    public synchronized LatencyRecorder requireNoErrors(String what) {
        if (errors > 0) {
            throw new IllegalStateException(what + ": " + errors + " errors", firstFailure);
        }
        return this;
    }

    public synchronized long errors() {
        return errors;
    }

    public synchronized int count() {
        return count;
    }

    /** The p-th percentile in milliseconds (p in 0..100). */
    public synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
        return sorted[index] / 1e6;
    }

    public String summary() {
        return String.format("p50 %7.2f ms  p99 %7.2f ms  (%d requests, %d errors)",
                percentileMillis(50), percentileMillis(99), count(), errors());
    }
}
