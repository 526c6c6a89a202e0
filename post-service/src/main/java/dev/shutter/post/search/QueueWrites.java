package dev.shutter.post.search;

import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.post.search.SearchQueue.Kind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit of queue rows: the event handlers running at once hand their rows here, and one
 * transaction writes all that arrived while the previous one ran. Each handler's delivery is
 * acknowledged only once its rows are committed, so at-least-once holds; a burst of events costs a
 * few transactions instead of one each. A write waits {@link #LINGER_MILLIS} before it starts, so the
 * handlers of one read from the bus share it instead of the first one committing alone.
 */
@ApplicationScoped
public class QueueWrites {

    static final long LINGER_MILLIS = 2;

    private final SearchQueue queue;
    private final SearchIndexer indexer;
    private final Vertx vertx;
    private final Map<Kind, Set<Long>> pending = new LinkedHashMap<>();
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean writing;

    QueueWrites(SearchQueue queue, SearchIndexer indexer, Vertx vertx) {
        this.queue = queue;
        this.indexer = indexer;
        this.vertx = vertx;
    }

    /** Completes once the row is committed (with the rows of whoever else was waiting). */
    public Uni<Void> add(Kind kind, long entityId) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        boolean start;
        synchronized (this) {
            // At most the handlers in flight (SearchEvents.CONCURRENCY per topic) wait here.
            pending.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(entityId);
            waiting.add(committed);
            start = !writing;
            writing = true;
        }
        if (start) {
            vertx.setTimer(LINGER_MILLIS, id -> write());
        }
        return Uni.createFrom().completionStage(committed);
    }

    private void write() {
        Map<Kind, Set<Long>> rows;
        List<CompletableFuture<Void>> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                writing = false;
                return;
            }
            rows = new LinkedHashMap<>(pending);
            batch = new ArrayList<>(waiting);
            pending.clear();
            waiting.clear();
        }
        IsolatedContext.run(vertx, () -> queue.enqueue(rows)).subscribe().with(
                done -> {
                    batch.forEach(future -> future.complete(null));
                    indexer.nudge();
                    write();
                },
                failure -> {
                    batch.forEach(future -> future.completeExceptionally(failure));
                    write();
                });
    }
}
