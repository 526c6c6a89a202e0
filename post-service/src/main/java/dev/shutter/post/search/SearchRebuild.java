package dev.shutter.post.search;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Rebuilds both indexes from the relational store with no downtime: a new index per kind, created
 * with the schema the code declares, takes the write alias (so the drain, paused meanwhile, writes
 * there afterwards); every post and account is loaded into it in bulk; then the read alias moves
 * over in one atomic alias change and the old index is dropped. Searches read the old index until
 * that moment. Changes made during the rebuild wait in the queue and land once it finished.
 */
@ApplicationScoped
public class SearchRebuild {

    private static final Logger LOG = Logger.getLogger(SearchRebuild.class);

    private final SearchEngine engine;
    private final SearchDocuments documents;
    private final SearchRebuilds rebuilds;
    private final SearchConfig config;
    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;

    SearchRebuild(SearchEngine engine, SearchDocuments documents, SearchRebuilds rebuilds, SearchConfig config,
            Mutiny.SessionFactory sessions, Vertx vertx) {
        this.engine = engine;
        this.documents = documents;
        this.rebuilds = rebuilds;
        this.config = config;
        this.sessions = sessions;
        this.vertx = vertx;
    }

    /** Starts a rebuild in the background; 409 when one runs already. */
    public Uni<SearchRebuilds.Progress> start() {
        long rebuildId = System.currentTimeMillis();
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM users)", Long.class).getSingleResult())
                .chain(total -> rebuilds.start(rebuildId, total))
                .chain(started -> {
                    if (started.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.conflict("A search index rebuild is running already."));
                    }
                    Thread.ofVirtual().name("search-rebuild-" + rebuildId).start(() -> run(rebuildId));
                    return rebuilds.latest().map(latest -> latest.orElseThrow());
                });
    }

    private void run(long rebuildId) {
        LOG.infof("Search index rebuild %d started", rebuildId);
        try {
            engine.createIfMissing();
            Swap posts = prepare(PostDocument.INDEX);
            Swap users = prepare(UserDocument.INDEX);
            long indexed = load(rebuildId, 0, "posts", "post_id", ids -> await(() -> sessions.withSession(
                    session -> documents.posts(session, ids))).documents(),
                    docs -> engine.write(new IndexChanges(docs, List.of(), List.of(), List.of())));
            indexed = load(rebuildId, indexed, "users", "user_id", ids -> await(() -> sessions.withSession(
                    session -> documents.users(session, ids))).documents(),
                    docs -> engine.write(new IndexChanges(List.of(), List.of(), docs, List.of())));
            posts.complete();
            users.complete();
            await(() -> rebuilds.finish(rebuildId, null));
            LOG.infof("Search index rebuild %d finished: %d documents, now serving %s and %s", rebuildId, indexed,
                    posts.next, users.next);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Search index rebuild %d failed; searches keep the old indexes", rebuildId);
            String reason = String.valueOf(e.getMessage());
            await(() -> rebuilds.finish(rebuildId, reason.substring(0, Math.min(500, reason.length()))));
        }
    }

    /** Keyset pass over a table: IDs in order, documents from the store, one bulk per batch. */
    private <D> long load(long rebuildId, long indexedBefore, String table, String idColumn,
            Function<List<Long>, List<D>> documentsOf, java.util.function.Consumer<List<D>> write) {
        long after = Long.MIN_VALUE;
        long indexed = indexedBefore;
        while (true) {
            long from = after;
            List<Long> ids = await(() -> sessions.withSession(session -> session.createNativeQuery(
                            "SELECT " + idColumn + " FROM " + table + " WHERE " + idColumn + " > :after ORDER BY "
                                    + idColumn + " LIMIT :limit", Long.class)
                    .setParameter("after", from)
                    .setParameter("limit", config.rebuildBatchSize())
                    .getResultList()));
            if (ids.isEmpty()) {
                return indexed;
            }
            write.accept(documentsOf.apply(ids));
            indexed += ids.size();
            after = ids.getLast();
            long progress = indexed;
            await(() -> rebuilds.progress(rebuildId, progress));
        }
    }

    /** Creates the next index of a kind and gives it the write alias; the read alias moves in {@link Swap#complete}. */
    private Swap prepare(String index) {
        String writeAlias = index + "-write";
        String current = engine.indexOf(writeAlias).orElseThrow(() -> new IllegalStateException("no index behind " + writeAlias));
        String next = index + "-" + String.format("%06d", number(current) + 1);
        engine.send("PUT", "/" + next, engine.expectedSchema(index).toString(), "application/json");
        engine.send("POST", "/_aliases", aliasMove(writeAlias, current, next, true).toString(), "application/json");
        return new Swap(index, current, next);
    }

    private final class Swap {
        final String index;
        final String previous;
        final String next;

        Swap(String index, String previous, String next) {
            this.index = index;
            this.previous = previous;
            this.next = next;
        }

        void complete() {
            engine.send("POST", "/" + next + "/_refresh", null, null);
            engine.send("POST", "/_aliases", aliasMove(index + "-read", previous, next, false).toString(), "application/json");
            engine.send("DELETE", "/" + previous, null, null);
        }
    }

    private static JsonObject aliasMove(String alias, String from, String to, boolean writeIndex) {
        JsonObject remove = new JsonObject();
        remove.addProperty("index", from);
        remove.addProperty("alias", alias);
        JsonObject add = new JsonObject();
        add.addProperty("index", to);
        add.addProperty("alias", alias);
        if (writeIndex) {
            add.addProperty("is_write_index", true);
        }
        JsonArray actions = new JsonArray();
        JsonObject removeAction = new JsonObject();
        removeAction.add("remove", remove);
        JsonObject addAction = new JsonObject();
        addAction.add("add", add);
        actions.add(removeAction);
        actions.add(addAction);
        JsonObject body = new JsonObject();
        body.add("actions", actions);
        return body;
    }

    private static int number(String index) {
        return Integer.parseInt(index.substring(index.lastIndexOf('-') + 1));
    }

    private <T> T await(Supplier<Uni<T>> work) {
        return IsolatedContext.run(vertx, work).await().indefinitely();
    }
}
