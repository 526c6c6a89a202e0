package dev.shutter.post.search;

import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.counter.Counts;
import dev.shutter.post.post.Post;
import dev.shutter.post.reactive.Columns;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Search documents as the relational store says they are now: the one place that decides what the
 * index may hold. A post is indexed only when it is ready, has tags, and its author is public and
 * not erased; every other post ID becomes a delete.
 */
@ApplicationScoped
public class SearchDocuments {

    private final Counters counters;

    SearchDocuments(Counters counters) {
        this.counters = counters;
    }

    /** The posts' documents, and the IDs among {@code postIds} that must not be in the index. */
    public Uni<PostStates> posts(Mutiny.Session session, Collection<Long> postIds) {
        if (postIds.isEmpty()) {
            return Uni.createFrom().item(new PostStates(List.of(), List.of()));
        }
        return session.createNativeQuery("""
                        SELECT p.post_id, p.author_id, p.hashtags, p.created_at FROM posts p
                        JOIN users u ON u.user_id = p.author_id
                        WHERE p.post_id IN (:ids) AND p.status = :ready AND p.hashtags <> ''
                          AND NOT u.is_private AND u.erasure_requested_at IS NULL""", Object[].class)
                .setParameter("ids", postIds)
                .setParameter("ready", Post.READY)
                .getResultList()
                .chain(rows -> {
                    List<Long> indexable = rows.stream().map(row -> ((Number) row[0]).longValue()).toList();
                    return counters.read(session, indexable).map(counts -> {
                        List<PostDocument> documents = rows.stream().map(row -> post(row, counts)).toList();
                        Set<Long> absent = new HashSet<>(postIds);
                        indexable.forEach(absent::remove);
                        return new PostStates(documents, List.copyOf(absent));
                    });
                });
    }

    /** The accounts' documents, and the IDs among {@code userIds} that are unknown or erased. */
    public Uni<UserStates> users(Mutiny.Session session, Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(new UserStates(List.of(), List.of()));
        }
        return session.createNativeQuery("""
                        SELECT user_id, username, display_name FROM users
                        WHERE user_id IN (:ids) AND erasure_requested_at IS NULL""", Object[].class)
                .setParameter("ids", userIds)
                .getResultList()
                .chain(rows -> {
                    List<Long> active = rows.stream().map(row -> ((Number) row[0]).longValue()).toList();
                    return counters.read(session, active).map(counts -> {
                        List<UserDocument> documents = new ArrayList<>();
                        for (Object[] row : rows) {
                            long userId = ((Number) row[0]).longValue();
                            documents.add(new UserDocument(userId, (String) row[1], (String) row[2],
                                    followers(counts, userId)));
                        }
                        Set<Long> absent = new HashSet<>(userIds);
                        active.forEach(absent::remove);
                        return new UserStates(documents, List.copyOf(absent));
                    });
                });
    }

    /** Which of the accounts are public and active now; the others' posts must leave the index. */
    public Uni<Set<Long>> publicAuthors(Mutiny.Session session, Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return session.createNativeQuery("""
                        SELECT user_id FROM users
                        WHERE user_id IN (:ids) AND NOT is_private AND erasure_requested_at IS NULL""", Long.class)
                .setParameter("ids", userIds)
                .getResultList()
                .map(Set::copyOf);
    }

    private static PostDocument post(Object[] row, Map<Long, Counts> counts) {
        long postId = ((Number) row[0]).longValue();
        Counts count = counts.get(postId);
        Instant createdAt = Columns.instant(row[3]);
        return new PostDocument(postId, ((Number) row[1]).longValue(), Arrays.asList(((String) row[2]).split(" ")),
                createdAt, value(count, CounterName.LIKES), value(count, CounterName.COMMENTS),
                value(count, CounterName.SAVES));
    }

    private static long followers(Map<Long, Counts> counts, long userId) {
        return value(counts.get(userId), CounterName.FOLLOWERS);
    }

    private static long value(Counts counts, CounterName name) {
        return counts == null ? 0 : counts.get(name);
    }

    public record PostStates(List<PostDocument> documents, List<Long> absent) {}

    public record UserStates(List<UserDocument> documents, List<Long> absent) {}
}
