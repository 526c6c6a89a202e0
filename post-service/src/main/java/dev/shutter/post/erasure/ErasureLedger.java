package dev.shutter.post.erasure;

import dev.shutter.post.reactive.Columns;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.reactive.mutiny.Mutiny;

/** The erasure ledger ({@code erasures}): per account and store, when it was asked and when it finished. */
@ApplicationScoped
public class ErasureLedger {

    /** One store's row. {@code finishedAt} and {@code removed} are null while it is pending. */
    public record Entry(long userId, String store, Instant requestedAt, Instant finishedAt, Long removed) {

        public boolean finished() {
            return finishedAt != null;
        }
    }

    private final Mutiny.SessionFactory sessions;

    ErasureLedger(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Opens a row per store, in the request's transaction; a repeated request keeps the first rows. */
    public Uni<Void> open(Mutiny.Session session, long userId, Set<String> stores, Instant at) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String store : new TreeSet<>(stores)) {
            chain = chain.chain(() -> session.createNativeQuery("""
                            INSERT INTO erasures (user_id, store, requested_at) VALUES (:user, :store, :at)
                            ON CONFLICT (user_id, store) DO NOTHING""")
                    .setParameter("user", userId)
                    .setParameter("store", store)
                    .setParameter("at", at)
                    .executeUpdate()
                    .replaceWithVoid());
        }
        return chain;
    }

    /** Records a store as finished; a second report of the same store changes nothing. */
    public Uni<Boolean> finish(long userId, String store, long removed, Instant at) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        UPDATE erasures SET finished_at = :at, removed = :removed
                        WHERE user_id = :user AND store = :store AND finished_at IS NULL""")
                .setParameter("at", at)
                .setParameter("removed", removed)
                .setParameter("user", userId)
                .setParameter("store", store)
                .executeUpdate()
                .map(updated -> updated == 1));
    }

    /** Every row of the accounts with a pending store, oldest request first (at most {@code accounts} of them). */
    public Uni<List<Entry>> pending(int accounts) {
        return sessions.withSession(session -> session.createNativeQuery("""
                                SELECT DISTINCT user_id, requested_at FROM erasures WHERE finished_at IS NULL
                                ORDER BY requested_at LIMIT :limit""", Object[].class)
                .setParameter("limit", accounts)
                .getResultList()
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(List.<Entry>of())
                        : entries(session, rows.stream().map(row -> ((Number) row[0]).longValue()).distinct().toList())));
    }

    /** The account's rows, by store name. */
    public Uni<List<Entry>> of(long userId) {
        return sessions.withSession(session -> entries(session, List.of(userId)));
    }

    private static Uni<List<Entry>> entries(Mutiny.Session session, List<Long> userIds) {
        return session.createNativeQuery("""
                        SELECT user_id, store, requested_at, finished_at, removed FROM erasures
                        WHERE user_id IN (:users) ORDER BY user_id, store""", Object[].class)
                .setParameter("users", userIds)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new Entry(((Number) row[0]).longValue(), (String) row[1],
                        Columns.instant(row[2]), row[3] == null ? null : Columns.instant(row[3]),
                        row[4] == null ? null : ((Number) row[4]).longValue())).toList());
    }
}
