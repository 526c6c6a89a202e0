package dev.shutter.post.counter;

import java.util.Map;

/** The summed counters of one entity. */
public record Counts(Map<String, Long> values) {

    public long get(CounterName name) {
        return values.getOrDefault(name.column(), 0L);
    }
}
