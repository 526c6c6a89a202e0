package dev.shutter.feed.flight;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * At most one piece of work per key at a time in this process: callers that ask while it runs
 * get its result (or failure) instead of starting it again. The next call after it finishes
 * starts afresh, so nothing is cached here.
 */
public final class SingleFlight<K> {

    private final Map<K, Uni<?>> running = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <T> Uni<T> run(K key, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> (Uni<T>) running.computeIfAbsent(key, k -> start(k, work)));
    }

    /** Keys with work running now. */
    public int running() {
        return running.size();
    }

    private <T> Uni<T> start(K key, Supplier<Uni<T>> work) {
        AtomicReference<Uni<T>> self = new AtomicReference<>();
        Uni<T> flight = Uni.createFrom().deferred(() -> work.get())
                .onTermination().invoke(() -> running.remove(key, self.get()))
                .memoize().indefinitely();
        self.set(flight);
        return flight;
    }
}
