package dev.shutter.post.search;

import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.post.reactive.Offload;
import dev.shutter.post.search.SearchQueue.Entry;
import dev.shutter.post.search.SearchQueue.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Drains {@link SearchQueue} into the engine: every second (and again at once while a full batch
 * came back), up to {@code shutter.search.batch-size} rows become one bulk write of documents
 * rebuilt from the store, one bulk of partial score updates and one delete-by-author. Rows are
 * removed only after the engine took the writes, so an outage loses nothing: the rows wait, the
 * lag grows ({@code shutter.search.index.lag}), and the drain catches up when the engine is back.
 */
@ApplicationScoped
public class SearchIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexer.class);
    /** Batches drained back to back at most per tick, so one tick never runs unbounded. */
    private static final int BATCHES_PER_TICK = 50;
    private static final long NUDGE_MILLIS = 20;

    private final SearchQueue queue;
    private final SearchDocuments documents;
    private final SearchEngine engine;
    private final SearchRebuilds rebuilds;
    private final SearchConfig config;
    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;
    private final AtomicBoolean schemaReady = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean drainAgain = new AtomicBoolean();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final AtomicBoolean engineUp = new AtomicBoolean(true);
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final Counter indexed;
    private final Counter failures;
    private final Timer batches;

    SearchIndexer(SearchQueue queue, SearchDocuments documents, SearchEngine engine, SearchRebuilds rebuilds,
            SearchConfig config, Mutiny.SessionFactory sessions, Vertx vertx, MeterRegistry meters) {
        this.queue = queue;
        this.documents = documents;
        this.engine = engine;
        this.rebuilds = rebuilds;
        this.config = config;
        this.sessions = sessions;
        this.vertx = vertx;
        Gauge.builder("shutter.search.index.lag", lagMillis, lag -> lag.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest change the search index has not taken yet").register(meters);
        Gauge.builder("shutter.search.index.waiting", waiting, AtomicLong::get)
                .description("Changes waiting for the search index").register(meters);
        Gauge.builder("shutter.search.engine.up", engineUp, up -> up.get() ? 1 : 0)
                .description("Whether the last call to the search engine succeeded").register(meters);
        this.indexed = Counter.builder("shutter.search.index.changes").description("Queue rows applied to the index")
                .register(meters);
        this.failures = Counter.builder("shutter.search.index.failures")
                .description("Drains that failed (the rows stay and are retried)").register(meters);
        this.batches = Timer.builder("shutter.search.index.batch").description("One drained batch").register(meters);
    }

    @Scheduled(every = "${shutter.search.drain-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!draining.compareAndSet(false, true)) {
            drainAgain.set(true);
            return Uni.createFrom().voidItem();
        }
        return IsolatedContext.run(vertx, () -> drain(BATCHES_PER_TICK)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    failures.increment();
                    if (engineUp.getAndSet(false)) {
                        LOG.warnf("Search indexing paused, changes wait in search_queue: %s", failure.toString());
                    }
                    return null;
                })
                .call(() -> IsolatedContext.run(vertx, this::measureBacklog))
                .eventually(() -> {
                    draining.set(false);
                    if (drainAgain.getAndSet(false)) {
                        nudge();
                    }
                });
    }

    /**
     * New rows were committed: drain in {@link #NUDGE_MILLIS} instead of at the next tick, so a post
     * is searchable about a refresh after it was published. Nudges in that window share one drain;
     * one during a drain makes another right after it. While the engine is down only the ticks retry.
     */
    public void nudge() {
        if (engineUp.get() && nudged.compareAndSet(false, true)) {
            vertx.setTimer(NUDGE_MILLIS, id -> {
                nudged.set(false);
                tick().subscribe().with(x -> {}, x -> {});
            });
        }
    }

    /** Drains up to {@code maxBatches} batches now; answers how many rows it applied. */
    public Uni<Integer> drain(int maxBatches) {
        return rebuilds.running().chain(running -> {
            if (running) {
                return Uni.createFrom().item(0);
            }
            return ensureSchema().chain(() -> drainBatches(maxBatches));
        });
    }

    /**
     * Writes batch after batch, reading the next one from the store while the engine takes the
     * current one. Writes stay in the order of their reads, so a later read (say, of an account
     * turned private) is always written after an earlier one and nothing stale wins.
     */
    private Uni<Integer> drainBatches(int maxBatches) {
        return IsolatedContext.run(vertx, () -> queue.oldest(config.batchSize()).chain(this::load))
                .chain(first -> drainFrom(first, maxBatches, 0));
    }

    private Uni<Integer> drainFrom(Loaded current, int left, int appliedSoFar) {
        if (current.entries.isEmpty()) {
            return Uni.createFrom().item(appliedSoFar);
        }
        boolean more = left > 1 && current.entries.size() == config.batchSize();
        Uni<Loaded> next = more
                ? IsolatedContext.run(vertx, () -> queue.after(current.entries.getLast(), config.batchSize()).chain(this::load))
                : Uni.createFrom().item(Loaded.NONE);
        Uni<Void> written = IsolatedContext.run(vertx, () -> write(current).chain(() -> queue.done(current.entries)));
        return Uni.combine().all().unis(written, next).asTuple()
                .chain(both -> {
                    long nanos = System.nanoTime() - current.startedNanos;
                    batches.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                    indexed.increment(current.entries.size());
                    LOG.debugf("Indexed %d changes in %d ms", current.entries.size(), nanos / 1_000_000);
                    if (!engineUp.getAndSet(true)) {
                        LOG.info("Search engine reachable again; indexing resumed");
                    }
                    return drainFrom(both.getItem2(), left - 1, appliedSoFar + current.entries.size());
                });
    }

    private Uni<Void> ensureSchema() {
        if (schemaReady.get()) {
            return Uni.createFrom().voidItem();
        }
        return Offload.cpu(() -> {
            engine.createIfMissing();
            schemaReady.set(true);
            LOG.info("Search indexes ready (posts, users)");
            return null;
        }).replaceWithVoid();
    }

    /** What the store holds for a batch of rows. */
    private Uni<Loaded> load(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Loaded.NONE);
        }
        long started = System.nanoTime();
        Set<Long> posts = ids(entries, Kind.POST);
        Set<Long> scores = ids(entries, Kind.SCORE);
        scores.removeAll(posts);
        Set<Long> authors = ids(entries, Kind.AUTHOR);
        Set<Long> users = ids(entries, Kind.USER);
        return sessions.withSession(session -> documents.posts(session, posts)
                .chain(postStates -> documents.posts(session, scores)
                        .chain(scoreStates -> documents.users(session, users)
                                .chain(userStates -> documents.publicAuthors(session, authors)
                                        .map(publicAuthors -> new Loaded(entries, new Batch(postStates, scoreStates,
                                                userStates, authors, publicAuthors), started))))));
    }

    /** The engine's part of a batch, then the rows for an account that turned public. */
    private Uni<Void> write(Loaded loaded) {
        Batch batch = loaded.batch;
        return Offload.cpu(() -> {
                    long engineStart = System.nanoTime();
                    engine.write(new IndexChanges(batch.posts.documents(), batch.posts.absent(), batch.users.documents(),
                            batch.users.absent()));
                    engine.updateScores(batch.scores.documents());
                    engine.deletePostsOf(batch.hiddenAuthors());
                    LOG.debugf("Engine took %d changes in %d ms", loaded.entries.size(),
                            (System.nanoTime() - engineStart) / 1_000_000);
                    return batch;
                })
                .chain(written -> reindexPostsOf(written.publicAuthors));
    }

    /** An account turned public: each of its posts gets a row, drained like any other. */
    private Uni<Void> reindexPostsOf(Set<Long> authors) {
        if (authors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.withTransaction(session -> Multi.createFrom().iterable(authors)
                .onItem().transformToUniAndConcatenate(author -> queue.enqueuePostsOf(session, author))
                .collect().last()
                .replaceWithVoid());
    }

    private Uni<Void> measureBacklog() {
        return queue.backlog().invoke(backlog -> {
            lagMillis.set(backlog.lag().toMillis());
            waiting.set(backlog.waiting());
        }).replaceWithVoid().onFailure().recoverWithNull();
    }

    private static Set<Long> ids(List<Entry> entries, Kind kind) {
        Set<Long> ids = new HashSet<>();
        entries.stream().filter(entry -> entry.kind() == kind).forEach(entry -> ids.add(entry.entityId()));
        return ids;
    }

    /** A batch of rows with what the store holds for them, ready to be written. */
    private record Loaded(List<Entry> entries, Batch batch, long startedNanos) {
        static final Loaded NONE = new Loaded(List.of(), null, 0);
    }

    private record Batch(SearchDocuments.PostStates posts, SearchDocuments.PostStates scores,
            SearchDocuments.UserStates users, Set<Long> authors, Set<Long> publicAuthors) {

        List<Long> hiddenAuthors() {
            List<Long> hidden = new ArrayList<>(authors);
            hidden.removeAll(publicAuthors);
            return hidden;
        }
    }
}
