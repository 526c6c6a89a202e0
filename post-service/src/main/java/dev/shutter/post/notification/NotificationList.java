package dev.shutter.post.notification;

import dev.shutter.post.post.view.PostViews;
import dev.shutter.post.reactive.Columns;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A recipient's list, newest activity first, and its read mark. What the recipient may no longer
 * see is left out when read, whatever the rows say: an item about a post that is gone, not ready,
 * of an erased author, or of a private author the recipient does not follow (any more), and an
 * item about a deleted comment. Actors being erased are left out too; an item with none left is
 * not shown.
 *
 * <p>Read is a mark per recipient, the (newest activity, ID) of the item marked: an item is read
 * when it is not newer than the mark, so new activity on a read item makes it unread again.
 */
@ApplicationScoped
public class NotificationList {

    static final String CURSOR = "n";
    static final String NOT_FOUND = "No such notification.";

    /** Items the recipient may see (on {@code notifications n}), as every read here filters them. */
    private static final String SHOWN = """
            (n.comment_id IS NULL OR EXISTS (SELECT 1 FROM comments c WHERE c.post_id = n.post_id AND c.comment_id = n.comment_id))
            AND (n.post_id IS NULL OR EXISTS (SELECT 1 FROM posts p JOIN users a ON a.user_id = p.author_id
                 WHERE p.post_id = n.post_id AND p.status = 'ready' AND a.erasure_requested_at IS NULL
                   AND (NOT a.is_private OR a.user_id = n.recipient_id OR EXISTS (SELECT 1 FROM follows f
                        WHERE f.follower_id = n.recipient_id AND f.followee_id = a.user_id AND f.state = 'following'))))""";

    /** The recipient's read mark, or the start of time. */
    private static final String MARK = """
            (COALESCE((SELECT read_at FROM notification_reads WHERE recipient_id = :recipient), '-infinity'::timestamptz),
             COALESCE((SELECT read_id FROM notification_reads WHERE recipient_id = :recipient), 0))""";

    private final Mutiny.SessionFactory sessions;
    private final PostViews posts;
    private final NotificationsConfig config;

    NotificationList(Mutiny.SessionFactory sessions, PostViews posts, NotificationsConfig config) {
        this.sessions = sessions;
        this.posts = posts;
        this.config = config;
    }

    public Uni<NotificationView.Page> page(long recipientId, PageRequest page) {
        long[] after = page.decode(CURSOR, 2);
        return sessions.withSession(session -> items(session, recipientId, after, page.limit())
                .chain(rows -> actors(session, recipientId, rows)
                        .chain(actors -> unread(session, recipientId)
                                .map(unread -> assemble(rows, actors, page.limit(), unread)))));
    }

    /** Marks the item and every older one read; a mark never moves back. 404 for an item that is not the caller's. */
    public Uni<Void> markRead(long recipientId, long notificationId) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        INSERT INTO notification_reads (recipient_id, read_at, read_id)
                        SELECT recipient_id, last_activity_at, notification_id FROM notifications
                        WHERE recipient_id = :recipient AND notification_id = :id
                        ON CONFLICT (recipient_id) DO UPDATE SET read_at = EXCLUDED.read_at, read_id = EXCLUDED.read_id
                        WHERE (notification_reads.read_at, notification_reads.read_id) < (EXCLUDED.read_at, EXCLUDED.read_id)""")
                .setParameter("recipient", recipientId)
                .setParameter("id", notificationId)
                .executeUpdate()
                .chain(changed -> changed > 0 ? Uni.createFrom().voidItem() : exists(session, recipientId, notificationId)));
    }

    private Uni<Void> exists(Mutiny.Session session, long recipientId, long notificationId) {
        return session.createNativeQuery("SELECT count(*) FROM notifications WHERE recipient_id = :recipient AND notification_id = :id",
                        Long.class)
                .setParameter("recipient", recipientId)
                .setParameter("id", notificationId)
                .getSingleResult()
                .invoke(count -> {
                    if (count == 0) {
                        throw ProblemException.notFound(NOT_FOUND);
                    }
                })
                .replaceWithVoid();
    }

    private record Row(long id, String key, String type, Long postId, Long commentId, String commentText, Instant at,
            long actorCount, boolean read, String thumb) {}

    /**
     * One page (and one more row, to know there is a next page), with counts, comment texts and
     * each post's thumbnail (the post is one the recipient may see: {@link #SHOWN}).
     */
    private Uni<List<Row>> items(Mutiny.Session session, long recipientId, long[] after, int limit) {
        return session.createNativeQuery("""
                        SELECT n.notification_id, n.group_key, n.type, n.post_id, n.comment_id,
                               (SELECT c.body FROM comments c WHERE c.post_id = n.post_id AND c.comment_id = n.comment_id),
                               n.last_activity_at,
                               (SELECT COALESCE(sum(k.value), 0) FROM notification_counts k
                                WHERE k.recipient_id = n.recipient_id AND k.group_key = n.group_key),
                               (n.last_activity_at, n.notification_id) <= %s,
                               (SELECT m.variants FROM posts p JOIN media_items m ON m.author_id = p.author_id AND m.post_id = p.post_id
                                WHERE p.post_id = n.post_id AND m.status = 'ready' ORDER BY m.position LIMIT 1),
                               (SELECT a.is_private FROM posts p JOIN users a ON a.user_id = p.author_id WHERE p.post_id = n.post_id)
                        FROM notifications n
                        WHERE n.recipient_id = :recipient AND (n.last_activity_at, n.notification_id) < (:afterAt, :afterId)
                          AND %s
                        ORDER BY n.last_activity_at DESC, n.notification_id DESC
                        LIMIT :limit""".formatted(MARK, SHOWN), Object[].class)
                .setParameter("recipient", recipientId)
                .setParameter("afterAt", after == null ? Instant.parse("9999-12-31T00:00:00Z") : micros(after[0]))
                .setParameter("afterId", after == null ? Long.MAX_VALUE : after[1])
                .setParameter("limit", limit + 1)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new Row(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                        row[3] == null ? null : ((Number) row[3]).longValue(), row[4] == null ? null : ((Number) row[4]).longValue(),
                        (String) row[5], Columns.instant(row[6]), ((Number) row[7]).longValue(), (Boolean) row[8],
                        row[3] == null ? null : posts.thumbnail((String) row[9], Boolean.TRUE.equals(row[10])))).toList());
    }

    /** The newest three actors of each item (not being erased), newest first: an index range of three rows per item. */
    private Uni<Map<String, List<NotificationView.Actor>>> actors(Mutiny.Session session, long recipientId, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createNativeQuery("""
                        SELECT n.group_key, x.user_id, x.username, x.avatar_url
                        FROM notifications n CROSS JOIN LATERAL (
                            SELECT u.user_id, u.username, u.avatar_url, a.acted_at FROM notification_actors a
                            JOIN users u ON u.user_id = a.actor_id AND u.erasure_requested_at IS NULL
                            WHERE a.recipient_id = n.recipient_id AND a.group_key = n.group_key
                            ORDER BY a.acted_at DESC, a.actor_id DESC
                            LIMIT 3) x
                        WHERE n.recipient_id = :recipient AND n.notification_id IN (:ids)
                        ORDER BY n.group_key, x.acted_at DESC, x.user_id DESC""", Object[].class)
                .setParameter("recipient", recipientId)
                .setParameter("ids", rows.stream().map(Row::id).toList())
                .getResultList()
                .map(found -> {
                    Map<String, List<NotificationView.Actor>> actors = new HashMap<>();
                    for (Object[] row : found) {
                        actors.computeIfAbsent((String) row[0], key -> new ArrayList<>())
                                .add(new NotificationView.Actor(row[1].toString(), (String) row[2], (String) row[3]));
                    }
                    return actors;
                });
    }

    /** Items newer than the read mark, counted up to the cap. */
    private Uni<Long> unread(Mutiny.Session session, long recipientId) {
        return session.createNativeQuery("""
                        SELECT count(*) FROM (SELECT 1 FROM notifications n
                                              WHERE n.recipient_id = :recipient AND (n.last_activity_at, n.notification_id) > %s
                                                AND %s
                                              LIMIT :cap) unread""".formatted(MARK, SHOWN), Long.class)
                .setParameter("recipient", recipientId)
                .setParameter("cap", config.unreadCap())
                .getSingleResult();
    }

    private static NotificationView.Page assemble(List<Row> rows, Map<String, List<NotificationView.Actor>> actors, int limit,
            long unread) {
        List<Row> page = rows.subList(0, Math.min(rows.size(), limit));
        List<NotificationView> items = new ArrayList<>(page.size());
        for (Row row : page) {
            List<NotificationView.Actor> who = actors.getOrDefault(row.key(), List.of());
            if (who.isEmpty()) {
                continue; // every actor being erased
            }
            items.add(new NotificationView(Long.toString(row.id()), row.type(), who, Math.max(row.actorCount(), who.size()),
                    row.postId() == null ? null : new NotificationView.PostRef(row.postId().toString(), row.thumb()),
                    row.commentId() == null ? null : new NotificationView.CommentRef(row.commentId().toString(), row.commentText()),
                    row.at().toString(), row.read()));
        }
        String next = null;
        if (rows.size() > limit) {
            Row last = page.getLast();
            next = PageRequest.encode(CURSOR, ChronoUnit.MICROS.between(Instant.EPOCH, last.at()), last.id());
        }
        return new NotificationView.Page(items, next, unread);
    }

    private static Instant micros(long sinceEpoch) {
        return Instant.EPOCH.plus(sinceEpoch, ChronoUnit.MICROS);
    }
}
