package dev.shutter.post.counter;

import dev.shutter.post.post.PostDeletion;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Exact counters that never serialise on one hot row: an increment goes to one of {@link
 * #SHARDS} rows at random, in the caller's transaction (so a count moves exactly when the change
 * it counts commits), and a read sums the shards.
 */
@ApplicationScoped
public class Counters implements PostDeletion {

    public static final int SHARDS = 16;

    public Uni<Void> add(Mutiny.Session session, long entityId, CounterName name, long delta) {
        return session.createNativeQuery("""
                        INSERT INTO counter_shards (entity_id, name, shard, value) VALUES (:entity, :name, :shard, :delta)
                        ON CONFLICT (entity_id, name, shard) DO UPDATE SET value = counter_shards.value + :delta""")
                .setParameter("entity", entityId)
                .setParameter("name", name.column())
                .setParameter("shard", (short) ThreadLocalRandom.current().nextInt(SHARDS))
                .setParameter("delta", delta)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** A deleted post's counters (likes, saves, comments) go with it. */
    @Override
    public Uni<Void> postDeleted(Mutiny.Session session, long authorId, long postId) {
        return session.createNativeQuery("DELETE FROM counter_shards WHERE entity_id = :post")
                .setParameter("post", postId)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** Every counter of the given entities (absent ones read as 0 through {@link Counts#get}). */
    public Uni<Map<Long, Counts>> read(Mutiny.Session session, Collection<Long> entityIds) {
        if (entityIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createNativeQuery("""
                        SELECT entity_id, name, SUM(value) FROM counter_shards
                        WHERE entity_id IN (:ids) GROUP BY entity_id, name""", Object[].class)
                .setParameter("ids", List.copyOf(entityIds))
                .getResultList()
                .map(rows -> {
                    Map<Long, Map<String, Long>> sums = new HashMap<>();
                    for (Object[] row : rows) {
                        sums.computeIfAbsent(((Number) row[0]).longValue(), k -> new HashMap<>())
                                .put((String) row[1], ((Number) row[2]).longValue());
                    }
                    Map<Long, Counts> counts = new HashMap<>();
                    entityIds.forEach(id -> counts.put(id, new Counts(sums.getOrDefault(id, Map.of()))));
                    return counts;
                });
    }

    public Uni<Counts> read(Mutiny.Session session, long entityId) {
        return read(session, List.of(entityId)).map(all -> all.get(entityId));
    }
}
