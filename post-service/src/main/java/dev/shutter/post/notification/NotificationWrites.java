package dev.shutter.post.notification;

import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The only place notification rows change. Adding an actor to an item is one statement: an insert
 * into {@code notification_actors} that conflicts when the actor is already there (a replayed
 * event: nothing else happens), then the group row inserted if missing, its newest-activity time
 * moved only when it lags by more than the resolution, and one of 16 count shards moved. So many actors of one
 * item at once insert their own rows and queue on nothing, and {@code actorCount} is exact
 * (every actor row that goes in or out moves the shards once, in its transaction).
 *
 * <p>An item whose last actor goes is removed with its shards (only if no actor row is left: a
 * concurrent add keeps it, unless both commit in the same instant, when the new actor's row waits
 * for the next actor of that item to bring the group back).
 */
@ApplicationScoped
class NotificationWrites {

    static final int SHARDS = 16;

    private final IdGenerator ids;
    private final NotificationsConfig config;

    NotificationWrites(IdGenerator ids, NotificationsConfig config) {
        this.ids = ids;
        this.config = config;
    }

    /**
     * Adds the actor to the item, when neither is erased (or being erased), the actor is not the
     * recipient, and {@code check} holds. Returns whether the actor was added.
     */
    Uni<Boolean> add(Mutiny.Session session, NotificationGroup group, long actorId, Instant at, SourceCheck check) {
        if (actorId == group.recipientId()) {
            return Uni.createFrom().item(false);
        }
        // One statement, one round trip. Each step reads the one before it, so they run in this
        // order and take the item's row before a shard, as removals do: the actor row (none on a
        // replay, and then nothing else happens), the item if missing, its time if lagging, a shard.
        var insert = session.createNativeQuery("""
                        WITH actor AS (
                            INSERT INTO notification_actors (recipient_id, group_key, actor_id, acted_at)
                            SELECT CAST(:recipient AS bigint), CAST(:key AS varchar), CAST(:actor AS bigint), CAST(:at AS timestamptz)
                            WHERE (SELECT count(*) FROM users WHERE user_id IN (:recipient, :actor) AND erasure_requested_at IS NULL) = 2
                              AND %s
                            ON CONFLICT (recipient_id, group_key, actor_id) DO NOTHING
                            RETURNING 1),
                        item AS (
                            INSERT INTO notifications (recipient_id, group_key, notification_id, type, post_id, comment_id,
                                                       created_at, last_activity_at)
                            SELECT CAST(:recipient AS bigint), CAST(:key AS varchar), CAST(:id AS bigint), CAST(:type AS varchar),
                                   NULLIF(CAST(:post AS bigint), 0), NULLIF(CAST(:comment AS bigint), 0),
                                   CAST(:at AS timestamptz), CAST(:at AS timestamptz)
                            FROM actor
                            ON CONFLICT (recipient_id, group_key) DO NOTHING
                            RETURNING 1),
                        moved AS (
                            UPDATE notifications SET last_activity_at = :at
                            WHERE recipient_id = :recipient AND group_key = :key AND last_activity_at < :before
                              AND EXISTS (SELECT 1 FROM actor) AND NOT EXISTS (SELECT 1 FROM item)
                            RETURNING 1),
                        counted AS (
                            INSERT INTO notification_counts (recipient_id, group_key, shard, value)
                            SELECT CAST(:recipient AS bigint), CAST(:key AS varchar), CAST(:shard AS smallint), 1 FROM actor WHERE (SELECT count(*) FROM moved) >= 0
                            ON CONFLICT (recipient_id, group_key, shard) DO UPDATE SET value = notification_counts.value + 1
                            RETURNING 1)
                        SELECT count(*) FROM counted""".formatted(check.sql()), Long.class)
                .setParameter("recipient", group.recipientId())
                .setParameter("key", group.key())
                .setParameter("actor", actorId)
                .setParameter("at", at)
                .setParameter("id", ids.next(Snowflake.shardOf(group.recipientId())))
                .setParameter("type", group.type().column)
                .setParameter("post", group.postId() == null ? 0L : group.postId())
                .setParameter("comment", group.commentId() == null ? 0L : group.commentId())
                .setParameter("before", at.minus(config.activityResolution()))
                .setParameter("shard", (short) ThreadLocalRandom.current().nextInt(SHARDS));
        check.parameters().forEach(insert::setParameter);
        return insert.getSingleResult().map(added -> added > 0);
    }

    /** Takes one actor out of an item; the item goes with its last actor. Returns whether the actor was there. */
    Uni<Boolean> remove(Mutiny.Session session, long recipientId, String key, long actorId) {
        return session.createNativeQuery("""
                        DELETE FROM notification_actors WHERE recipient_id = :recipient AND group_key = :key AND actor_id = :actor""")
                .setParameter("recipient", recipientId)
                .setParameter("key", key)
                .setParameter("actor", actorId)
                .executeUpdate()
                .chain(deleted -> deleted == 0 ? Uni.createFrom().item(false)
                        : removed(session, recipientId, key).replaceWith(true));
    }

    /**
     * Takes the actor out of every item of the recipient whose key starts with {@code keyPrefix}
     * (every day's like group of one post, say), when {@code check} holds; returns how many.
     * Found through the actor's index, so a recipient with millions of actor rows costs nothing here.
     */
    Uni<Integer> removeEverywhere(Mutiny.Session session, long actorId, long recipientId, String keyPrefix, SourceCheck check) {
        var delete = session.createNativeQuery("""
                        DELETE FROM notification_actors
                        WHERE actor_id = :actor AND recipient_id = :recipient AND group_key LIKE :prefix AND %s
                        RETURNING group_key""".formatted(check.sql()), String.class)
                .setParameter("actor", actorId)
                .setParameter("recipient", recipientId)
                .setParameter("prefix", keyPrefix + "%");
        check.parameters().forEach(delete::setParameter);
        return delete.getResultList().chain(keys -> Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(key -> removed(session, recipientId, key))
                .collect().asList()
                .replaceWith(keys.size()));
    }

    /** Removes the items about a post, whoever they are for (the post was deleted); returns how many. */
    Uni<Integer> dropPost(Mutiny.Session session, long postId) {
        return dropWhere(session, "n.post_id = :post", Map.of("post", postId));
    }

    /** Removes the items about a comment (its comment item and its mentions); returns how many. */
    Uni<Integer> dropComment(Mutiny.Session session, long postId, long commentId) {
        return dropWhere(session, "n.post_id = :post AND n.comment_id = :comment", Map.of("post", postId, "comment", commentId));
    }

    /** Removes one item of the recipient (a request withdrawn or answered); returns how many (0 or 1). */
    Uni<Integer> drop(Mutiny.Session session, long recipientId, String key, SourceCheck check) {
        Map<String, Object> parameters = new HashMap<>(check.parameters());
        parameters.put("recipient", recipientId);
        parameters.put("key", key);
        return dropWhere(session, "n.recipient_id = :recipient AND n.group_key = :key AND " + check.sql(), parameters);
    }

    /**
     * Removes up to {@code limit} items of the recipient (erasure, in batches); returns how many.
     */
    Uni<Integer> dropOf(Mutiny.Session session, long recipientId, int limit) {
        return dropWhere(session, """
                (n.recipient_id, n.group_key) IN (SELECT recipient_id, group_key FROM notifications
                                                  WHERE recipient_id = :recipient LIMIT :limit)""",
                Map.of("recipient", recipientId, "limit", limit));
    }

    /** Removes up to {@code limit} items whose newest activity is before {@code before}; returns how many. */
    Uni<Integer> dropOlderThan(Mutiny.Session session, Instant before, int limit) {
        return dropWhere(session, """
                (n.recipient_id, n.group_key) IN (SELECT recipient_id, group_key FROM notifications
                                                  WHERE last_activity_at < :before LIMIT :limit)""",
                Map.of("before", before, "limit", limit));
    }

    /**
     * Takes the actor out of up to {@code limit} items it is in (erasure, in batches): each item
     * counts one less, and goes with its last actor. Returns how many actor rows went.
     */
    Uni<Integer> removeActor(Mutiny.Session session, long actorId, int limit) {
        return session.createNativeQuery("""
                        DELETE FROM notification_actors
                        WHERE (recipient_id, group_key, actor_id) IN (SELECT recipient_id, group_key, actor_id
                                                                      FROM notification_actors WHERE actor_id = :actor LIMIT :limit)
                        RETURNING recipient_id, group_key""", Object[].class)
                .setParameter("actor", actorId)
                .setParameter("limit", limit)
                .getResultList()
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> removed(session, ((Number) row[0]).longValue(), (String) row[1]))
                        .collect().asList()
                        .replaceWith(rows.size()));
    }

    /**
     * Removes whole items, their actors and counts with them, in one statement (the items a
     * condition on {@code notifications n} names).
     */
    private Uni<Integer> dropWhere(Mutiny.Session session, String condition, Map<String, Object> parameters) {
        var statement = session.createNativeQuery("""
                        WITH gone AS (DELETE FROM notifications n WHERE %s RETURNING n.recipient_id, n.group_key),
                             actors AS (DELETE FROM notification_actors a USING gone g
                                        WHERE a.recipient_id = g.recipient_id AND a.group_key = g.group_key RETURNING 1),
                             counts AS (DELETE FROM notification_counts c USING gone g
                                        WHERE c.recipient_id = g.recipient_id AND c.group_key = g.group_key RETURNING 1)
                        SELECT count(*) FROM gone""".formatted(condition), Long.class);
        parameters.forEach(statement::setParameter);
        return statement.getSingleResult().map(Long::intValue);
    }

    /**
     * After an actor row went: the item goes if that was its last actor, else it counts one less.
     * The item's row before its shards, the order every writer takes them in.
     */
    private Uni<Void> removed(Mutiny.Session session, long recipientId, String key) {
        return dropWhere(session, """
                        n.recipient_id = :recipient AND n.group_key = :key
                        AND NOT EXISTS (SELECT 1 FROM notification_actors WHERE recipient_id = :recipient AND group_key = :key)""",
                        Map.of("recipient", recipientId, "key", key))
                .chain(dropped -> dropped > 0 ? Uni.createFrom().voidItem() : count(session, recipientId, key, -1));
    }

    private Uni<Void> count(Mutiny.Session session, long recipientId, String key, long delta) {
        return session.createNativeQuery("""
                        INSERT INTO notification_counts (recipient_id, group_key, shard, value)
                        VALUES (:recipient, :key, :shard, :delta)
                        ON CONFLICT (recipient_id, group_key, shard) DO UPDATE SET value = notification_counts.value + :delta""")
                .setParameter("recipient", recipientId)
                .setParameter("key", key)
                .setParameter("shard", (short) ThreadLocalRandom.current().nextInt(SHARDS))
                .setParameter("delta", delta)
                .executeUpdate()
                .replaceWithVoid();
    }
}
