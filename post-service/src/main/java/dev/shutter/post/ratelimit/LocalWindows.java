package dev.shutter.post.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The same sliding windows as Redis keeps, in this process: what limits while Redis is down. Each
 * instance counts alone then, so the limit holds per instance, not across them; far better than
 * not limiting at all during exactly the outage an attacker would wait for. Bounded: windows not
 * touched for a day are dropped.
 */
final class LocalWindows {

    private static final int MAX_WINDOWS = 200_000;

    private final Cache<String, Deque<Long>> windows = Caffeine.newBuilder()
            .maximumSize(MAX_WINDOWS)
            .expireAfterAccess(Duration.ofDays(1))
            .build();

    /** Counts one action at {@code nowMillis}; answers 0 when allowed, else the milliseconds until a slot frees. */
    long acquire(String key, RateLimit limit, long nowMillis) {
        Deque<Long> window = windows.get(key, k -> new ArrayDeque<>());
        synchronized (window) {
            long windowMillis = limit.window().toMillis();
            while (!window.isEmpty() && window.peekFirst() <= nowMillis - windowMillis) {
                window.pollFirst();
            }
            if (window.size() >= limit.max()) {
                return Math.max(1, window.peekFirst() + windowMillis - nowMillis);
            }
            window.addLast(nowMillis);
            return 0;
        }
    }
}
