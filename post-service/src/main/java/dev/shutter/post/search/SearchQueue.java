package dev.shutter.post.search;

import dev.shutter.post.reactive.Columns;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What the search index has still to catch up with ({@code search_queue}): a row per document
 * whose state changed, written by the event handlers and drained by {@link SearchIndexer}. A row
 * says which document to rebuild from the relational store, never what to write, so a replayed or
 * reordered event changes nothing: the drain indexes whatever the store holds when it runs (a
 * deleted post is deleted, whatever event came last). While the engine is down the rows wait here.
 */
@ApplicationScoped
public class SearchQueue {

    /** What a row asks the drain to do. */
    public enum Kind {
        /** Index or delete one post from its row. */
        POST,
        /** Update one indexed post's engagement counts and top score only (a partial update). */
        SCORE,
        /** Re-check every post of an account (it turned private or public, or is erased). */
        AUTHOR,
        /** Index or delete one account's user-search document. */
        USER;

        String column() {
            return name().toLowerCase();
        }

        static Kind of(String column) {
            return valueOf(column.toUpperCase());
        }
    }

    /** One row as claimed: the version tells whether it changed while the drain worked. */
    public record Entry(Kind kind, long entityId, long version, Instant enqueuedAt) {}

    private final Mutiny.SessionFactory sessions;

    SearchQueue(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Asks for the documents to be rebuilt; a row already waiting keeps its age and gets a new version. */
    public Uni<Void> enqueue(Kind kind, Collection<Long> entityIds) {
        if (entityIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.withTransaction(session -> enqueue(session, kind, entityIds));
    }

    public Uni<Void> enqueue(Kind kind, long entityId) {
        return enqueue(kind, List.of(entityId));
    }

    /** Rows of several kinds in one transaction (one statement per kind). */
    public Uni<Void> enqueue(java.util.Map<Kind, ? extends Collection<Long>> rows) {
        return sessions.withTransaction(session -> Multi.createFrom().iterable(rows.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> enqueue(session, entry.getKey(), entry.getValue()))
                .collect().last()
                .replaceWithVoid());
    }

    Uni<Void> enqueue(Mutiny.Session session, Kind kind, Collection<Long> entityIds) {
        // The IDs are longs, written as literals: one statement however many rows. In ascending order,
        // as the drain deletes them, so the two lock shared rows in one order and never deadlock.
        String ids = entityIds.stream().distinct().sorted().map(id -> "(" + id + ")").collect(Collectors.joining(","));
        return session.createNativeQuery("""
                        INSERT INTO search_queue (kind, entity_id, version, enqueued_at)
                        SELECT :kind, id, 1, now() FROM (VALUES %s) AS ids(id)
                        ON CONFLICT (kind, entity_id) DO UPDATE SET version = search_queue.version + 1""".formatted(ids))
                .setParameter("kind", kind.column())
                .executeUpdate()
                .replaceWithVoid();
    }

    /** Every post of the account, as {@link Kind#POST} rows (in the caller's transaction). */
    Uni<Void> enqueuePostsOf(Mutiny.Session session, long authorId) {
        return session.createNativeQuery("""
                        INSERT INTO search_queue (kind, entity_id, version, enqueued_at)
                        SELECT 'post', post_id, 1, now() FROM posts WHERE author_id = :author
                        ON CONFLICT (kind, entity_id) DO UPDATE SET version = search_queue.version + 1""")
                .setParameter("author", authorId)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The oldest rows, up to {@code limit}. Two drains may read the same rows: indexing is idempotent. */
    public Uni<List<Entry>> oldest(int limit) {
        return sessions.withSession(session -> rows(session.createNativeQuery("""
                        SELECT kind, entity_id, version, enqueued_at FROM search_queue
                        ORDER BY enqueued_at, kind, entity_id LIMIT :limit""", Object[].class)
                .setParameter("limit", limit)));
    }

    /** The oldest rows after {@code last} in the drain's order, up to {@code limit}: the batch after one still being written. */
    public Uni<List<Entry>> after(Entry last, int limit) {
        return sessions.withSession(session -> rows(session.createNativeQuery("""
                        SELECT kind, entity_id, version, enqueued_at FROM search_queue
                        WHERE (enqueued_at, kind, entity_id) > (:at, :kind, :id)
                        ORDER BY enqueued_at, kind, entity_id LIMIT :limit""", Object[].class)
                .setParameter("at", last.enqueuedAt().atOffset(java.time.ZoneOffset.UTC))
                .setParameter("kind", last.kind().column())
                .setParameter("id", last.entityId())
                .setParameter("limit", limit)));
    }

    private static Uni<List<Entry>> rows(Mutiny.SelectionQuery<Object[]> query) {
        return query.getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new Entry(Kind.of((String) row[0]), ((Number) row[1]).longValue(),
                                ((Number) row[2]).longValue(), Columns.instant(row[3])))
                        .toList());
    }

    /** Removes the rows as claimed; a row whose version moved on since stays for the next drain. */
    public Uni<Void> done(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.withTransaction(session -> Multi.createFrom().iterable(List.of(Kind.values()))
                .onItem().transformToUniAndConcatenate(kind -> {
                    List<Entry> ofKind = entries.stream().filter(entry -> entry.kind() == kind)
                            .sorted(java.util.Comparator.comparingLong(Entry::entityId)).toList();
                    if (ofKind.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    String done = ofKind.stream().map(entry -> "(" + entry.entityId() + "," + entry.version() + ")")
                            .collect(Collectors.joining(","));
                    return session.createNativeQuery("""
                                    DELETE FROM search_queue q USING (VALUES %s) AS done(id, version)
                                    WHERE q.kind = :kind AND q.entity_id = done.id AND q.version = done.version""".formatted(done))
                            .setParameter("kind", kind.column())
                            .executeUpdate()
                            .replaceWithVoid();
                })
                .collect().last()
                .replaceWithVoid());
    }

    /** How far the index is behind: the age of the oldest waiting row (zero when none waits), and how many wait. */
    public Uni<Backlog> backlog() {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT min(enqueued_at), count(*) FROM search_queue", Object[].class)
                .getSingleResult()
                .map(row -> new Backlog(row[0] == null ? Duration.ZERO : Duration.between(Columns.instant(row[0]), Instant.now()),
                        ((Number) row[1]).longValue())));
    }

    public record Backlog(Duration lag, long waiting) {}
}
