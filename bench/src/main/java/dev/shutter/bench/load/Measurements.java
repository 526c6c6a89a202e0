package dev.shutter.bench.load;

import dev.shutter.bench.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request's outcome, per endpoint: latencies (exact percentiles), answers by status, and a
 * timeline of (time, latency) samples for the chart. Separate instances for seeding and driving,
 * so the figures of the mix are not mixed with the set-up's.
 */
public final class Measurements {

    /** One request: when it started (ms since the phase began), how long it took, what it answered (0: no answer). */
    public record Sample(long atMillis, double latencyMillis, int status) {}

    /** One endpoint's figures. */
    public static final class Endpoint {
        final LatencyRecorder latencies = new LatencyRecorder(1024);
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final List<Sample> timeline = new ArrayList<>();

        public LatencyRecorder latencies() {
            return latencies;
        }

        public Map<Integer, Long> statuses() {
            Map<Integer, Long> copy = new TreeMap<>();
            statuses.forEach((status, count) -> copy.put(status, count.get()));
            return copy;
        }

        public synchronized List<Sample> timeline() {
            return List.copyOf(timeline);
        }

        synchronized void addSample(Sample sample) {
            timeline.add(sample);
        }
    }

    private final long startNanos = System.nanoTime();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    /** @param status the HTTP status, or 0 when no answer came (connection refused, timeout) */
    public void record(String endpoint, long startedNanos, long tookNanos, int status) {
        Endpoint e = endpoints.computeIfAbsent(endpoint, name -> new Endpoint());
        if (status > 0 && status < 400) {
            e.latencies.record(tookNanos);
        } else {
            e.latencies.error();
        }
        e.statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        e.addSample(new Sample((startedNanos - startNanos) / 1_000_000, tookNanos / 1e6, status));
    }

    public Map<String, Endpoint> endpoints() {
        return new TreeMap<>(endpoints);
    }

    public long startNanos() {
        return startNanos;
    }

    /** Answers with a 5xx status, plus requests that got no answer at all. */
    public long serverErrors() {
        return endpoints.values().stream()
                .flatMap(e -> e.statuses.entrySet().stream())
                .filter(s -> s.getKey() >= 500 || s.getKey() == 0)
                .mapToLong(s -> s.getValue().get())
                .sum();
    }

    public long requests() {
        return endpoints.values().stream().flatMap(e -> e.statuses.values().stream()).mapToLong(AtomicLong::get).sum();
    }
}
