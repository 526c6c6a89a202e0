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

    private final SearchQueue queue;
    private final SearchDocuments documents;
    private final SearchEngine engine;
    private final SearchRebuilds rebuilds;
    private final SearchConfig config;
    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;
    private final AtomicBoolean schemaReady = new AtomicBoolean();
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
        return IsolatedContext.run(vertx, () -> drain(BATCHES_PER_TICK)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    failures.increment();
                    if (engineUp.getAndSet(false)) {
                        LOG.warnf("Search indexing paused, changes wait in search_queue: %s", failure.toString());
                    }
                    return null;
                })
                .call(() -> IsolatedContext.run(vertx, this::measureBacklog));
    }

    /** Drains up to {@code maxBatches} batches now; answers how many rows it applied. */
    public Uni<Integer> drain(int maxBatches) {
        return rebuilds.running().chain(running -> {
            if (running) {
                return Uni.createFrom().item(0);
            }
            return ensureSchema().chain(() -> drainBatches(maxBatches, 0));
        });
    }

    private Uni<Integer> drainBatches(int left, int appliedSoFar) {
        if (left == 0) {
            return Uni.createFrom().item(appliedSoFar);
        }
        return queue.oldest(config.batchSize()).chain(entries -> {
            if (entries.isEmpty()) {
                return Uni.createFrom().item(appliedSoFar);
            }
            Timer.Sample sample = Timer.start();
            return apply(entries)
                    .chain(() -> queue.done(entries))
                    .invoke(() -> {
                        sample.stop(batches);
                        indexed.increment(entries.size());
                        if (!engineUp.getAndSet(true)) {
                            LOG.info("Search engine reachable again; indexing resumed");
                        }
                    })
                    .chain(() -> entries.size() < config.batchSize()
                            ? Uni.createFrom().item(appliedSoFar + entries.size())
                            : drainBatches(left - 1, appliedSoFar + entries.size()));
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

    /** Applies one batch: reads what the store holds, then writes it. */
    Uni<Void> apply(List<Entry> entries) {
        Set<Long> posts = ids(entries, Kind.POST);
        Set<Long> scores = ids(entries, Kind.SCORE);
        scores.removeAll(posts);
        Set<Long> authors = ids(entries, Kind.AUTHOR);
        Set<Long> users = ids(entries, Kind.USER);
        return sessions.withSession(session -> documents.posts(session, posts)
                .chain(postStates -> documents.posts(session, scores)
                        .chain(scoreStates -> documents.users(session, users)
                                .chain(userStates -> documents.publicAuthors(session, authors)
                                        .map(publicAuthors -> new Batch(postStates, scoreStates, userStates, authors,
                                                publicAuthors))))))
                .chain(batch -> Offload.cpu(() -> {
                    engine.write(new IndexChanges(batch.posts.documents(), batch.posts.absent(), batch.users.documents(),
                            batch.users.absent()));
                    engine.updateScores(batch.scores.documents());
                    engine.deletePostsOf(batch.hiddenAuthors());
                    return batch;
                }))
                .chain(batch -> reindexPostsOf(batch.publicAuthors));
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

    private record Batch(SearchDocuments.PostStates posts, SearchDocuments.PostStates scores,
            SearchDocuments.UserStates users, Set<Long> authors, Set<Long> publicAuthors) {

        List<Long> hiddenAuthors() {
            List<Long> hidden = new ArrayList<>(authors);
            hidden.removeAll(publicAuthors);
            return hidden;
        }
    }
}
