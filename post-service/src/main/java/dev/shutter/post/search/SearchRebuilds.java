package dev.shutter.post.search;

import dev.shutter.post.reactive.Columns;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The rebuilds' rows ({@code search_rebuilds}): progress for whoever asked, and the pause of the
 * queue drain on every instance while one runs. A rebuild that stops beating (its instance died)
 * no longer pauses anything after two minutes.
 */
@ApplicationScoped
public class SearchRebuilds {

    /** A rebuild as its row records it. */
    public record Progress(long rebuildId, Instant startedAt, Instant finishedAt, long indexed, long total, String failure) {

        public boolean finished() {
            return finishedAt != null;
        }
    }

    private final Mutiny.SessionFactory sessions;

    SearchRebuilds(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Whether a live rebuild runs now (the drain waits for it). */
    public Uni<Boolean> running() {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT count(*) FROM search_rebuilds
                        WHERE finished_at IS NULL AND heartbeat_at > now() - interval '2 minutes'""", Long.class)
                .getSingleResult()
                .map(count -> count > 0));
    }

    /** Starts a rebuild's row unless a live one runs; empty when one does. */
    public Uni<Optional<Long>> start(long rebuildId, long total) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        INSERT INTO search_rebuilds (rebuild_id, started_at, heartbeat_at, indexed, total)
                        SELECT :id, now(), now(), 0, :total
                        WHERE NOT EXISTS (SELECT 1 FROM search_rebuilds
                                          WHERE finished_at IS NULL AND heartbeat_at > now() - interval '2 minutes')""")
                .setParameter("id", rebuildId)
                .setParameter("total", total)
                .executeUpdate()
                .map(inserted -> inserted == 1 ? Optional.of(rebuildId) : Optional.<Long>empty()));
    }

    public Uni<Void> progress(long rebuildId, long indexed) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "UPDATE search_rebuilds SET indexed = :indexed, heartbeat_at = now() WHERE rebuild_id = :id")
                .setParameter("indexed", indexed)
                .setParameter("id", rebuildId)
                .executeUpdate()
                .replaceWithVoid());
    }

    public Uni<Void> finish(long rebuildId, String failure) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "UPDATE search_rebuilds SET finished_at = now(), failure = :failure WHERE rebuild_id = :id")
                .setParameter("failure", failure)
                .setParameter("id", rebuildId)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** The newest rebuild, if there was one. */
    public Uni<Optional<Progress>> latest() {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT rebuild_id, started_at, finished_at, indexed, total, failure FROM search_rebuilds
                        ORDER BY started_at DESC LIMIT 1""", Object[].class)
                .getResultList()
                .map(rows -> rows.stream().findFirst().map(row -> new Progress(((Number) row[0]).longValue(),
                        Columns.instant(row[1]), row[2] == null ? null : Columns.instant(row[2]),
                        ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), (String) row[5]))));
    }
}
