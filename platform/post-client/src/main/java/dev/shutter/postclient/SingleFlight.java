package dev.shutter.postclient;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * At most one piece of work per key at a time in this process: callers that ask while it runs
 * get its result (or failure) instead of starting it again. The next call after it finishes
 * starts afresh, so nothing is cached here. {@link #run} is the form for one key (a timeline
 * rebuild), {@link #runAll} for a batch of keys fetched by one call (posts to hydrate): the
 * keys another caller is already fetching are waited for, the rest fetched together.
 */
public final class SingleFlight<K> {

    private final Map<K, Uni<?>> running = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <T> Uni<T> run(K key, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> (Uni<T>) running.computeIfAbsent(key, k -> start(k, work)));
    }

    /**
     * The values of {@code keys}: {@code work} is called once, with the keys no other caller is
     * fetching, and answers the values it found (keys it leaves out have none). Keys another
     * caller is fetching take that caller's result; when that caller's work fails they are left
     * out here, while a failure of this caller's own work is this call's failure.
     */
    public <V> Uni<Map<K, V>> runAll(Collection<K> keys, Function<List<K>, Uni<Map<K, V>>> work) {
        return Uni.createFrom().deferred(() -> {
            Map<K, Flight<V>> mine = new LinkedHashMap<>();
            Map<K, Uni<V>> joined = new LinkedHashMap<>();
            for (K key : new LinkedHashSet<>(keys)) {
                Flight<V> flight = new Flight<>();
                @SuppressWarnings("unchecked")
                Uni<V> other = (Uni<V>) running.putIfAbsent(key, flight.uni);
                if (other == null) {
                    mine.put(key, flight);
                } else {
                    joined.put(key, other);
                }
            }
            return own(mine, work).chain(found -> awaitOthers(joined).map(others -> {
                Map<K, V> all = new HashMap<>(found);
                all.putAll(others);
                return all;
            }));
        });
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

    /** One key's result in a batch, shared with the callers who join it. */
    private static final class Flight<V> {
        final CompletableFuture<V> result = new CompletableFuture<>();
        final Uni<V> uni = Uni.createFrom().completionStage(result);
    }

    private <V> Uni<Map<K, V>> own(Map<K, Flight<V>> mine, Function<List<K>, Uni<Map<K, V>>> work) {
        if (mine.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().deferred(() -> work.apply(List.copyOf(mine.keySet())))
                .invoke(found -> mine.forEach((key, flight) -> settle(key, flight, found.get(key), null)))
                .onFailure().invoke(failure -> mine.forEach((key, flight) -> settle(key, flight, null, failure)))
                // A caller that gives up must not leave its keys "running" for ever.
                .onCancellation().invoke(() -> mine.forEach((key, flight) ->
                        settle(key, flight, null, new CancellationException("the fetching caller went away"))));
    }

    private <V> void settle(K key, Flight<V> flight, V value, Throwable failure) {
        running.remove(key, flight.uni);
        if (failure == null) {
            flight.result.complete(value);
        } else {
            flight.result.completeExceptionally(failure);
        }
    }

    private <V> Uni<Map<K, V>> awaitOthers(Map<K, Uni<V>> joined) {
        if (joined.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<K> order = new ArrayList<>(joined.keySet());
        List<Uni<V>> waits = order.stream().map(key -> joined.get(key).onFailure().recoverWithNull()).toList();
        return Uni.join().all(waits).andFailFast().map(values -> {
            Map<K, V> found = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                if (values.get(i) != null) {
                    found.put(order.get(i), values.get(i));
                }
            }
            return found;
        });
    }
}
