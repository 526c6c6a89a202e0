package dev.shutter.post.post;

import dev.shutter.ids.Snowflake;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Recent ready posts of several authors at once: the feed's pull of celebrities' posts (gRPC RecentPostsByAuthors). */
@ApplicationScoped
public class RecentPosts {

    /** Authors per statement; a reader follows at most a few hundred celebrities. */
    static final int AUTHORS_PER_QUERY = 100;
    public static final int MAX_LIMIT_PER_AUTHOR = 100;

    private final Mutiny.SessionFactory sessions;

    RecentPosts(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Each author's newest ready posts with an ID above {@code sincePostId} (IDs sort by time; 0
     * for no bound), at most {@code limitPerAuthor} each (capped at {@value #MAX_LIMIT_PER_AUTHOR}),
     * all together newest first. Who may see them is the hydration's business, as for every list.
     *
     * <p>One statement per {@value #AUTHORS_PER_QUERY} authors: a {@code UNION ALL} of one
     * branch per author, each a short range scan of the author's posts on the primary key that stops
     * after its limit. (A window function would do it in one branch, but the statement must also
     * run on Spanner's PostgreSQL interface.)
     */
    public Uni<List<PostRef>> recentByAuthors(List<Long> authorIds, long sincePostId, int limitPerAuthor) {
        return recentByAuthors(authorIds, sincePostId, 0, limitPerAuthor);
    }

    /** As {@link #recentByAuthors(List, long, int)}, below {@code beforePostId} too (0 for no bound): pages back through posts. */
    public Uni<List<PostRef>> recentByAuthors(List<Long> authorIds, long sincePostId, long beforePostId, int limitPerAuthor) {
        List<Long> authors = List.copyOf(new LinkedHashSet<>(authorIds));
        int limit = Math.min(limitPerAuthor, MAX_LIMIT_PER_AUTHOR);
        if (authors.isEmpty() || limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < authors.size(); i += AUTHORS_PER_QUERY) {
            chunks.add(authors.subList(i, Math.min(authors.size(), i + AUTHORS_PER_QUERY)));
        }
        return sessions.withSession(session -> Multi.createFrom().iterable(chunks)
                        .onItem().transformToUniAndConcatenate(chunk -> query(session, chunk, Math.max(0, sincePostId),
                                beforePostId <= 0 ? Long.MAX_VALUE : beforePostId, limit))
                        .collect().in(ArrayList<PostRef>::new, List::addAll))
                .map(refs -> {
                    refs.sort(Comparator.comparingLong(PostRef::postId).reversed());
                    return List.copyOf(refs);
                });
    }

    private static Uni<List<PostRef>> query(Mutiny.Session session, List<Long> authors, long sincePostId, long beforePostId,
            int limit) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < authors.size(); i++) {
            if (i > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("(SELECT post_id, author_id FROM posts WHERE author_id = :a").append(i)
                    .append(" AND status = 'ready' AND post_id > :since AND post_id < :before ORDER BY post_id DESC LIMIT :limit)");
        }
        var query = session.createNativeQuery(sql.toString(), Object[].class)
                .setParameter("since", sincePostId)
                .setParameter("before", beforePostId)
                .setParameter("limit", limit);
        for (int i = 0; i < authors.size(); i++) {
            query.setParameter("a" + i, authors.get(i));
        }
        return query.getResultList().map(rows -> rows.stream()
                .map(row -> {
                    long postId = ((Number) row[0]).longValue();
                    // A post's createdAt is its ID's timestamp (set so at creation).
                    return new PostRef(postId, ((Number) row[1]).longValue(), Snowflake.timestampOf(postId));
                })
                .toList());
    }
}
