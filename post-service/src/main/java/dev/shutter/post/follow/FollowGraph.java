package dev.shutter.post.follow;

import dev.shutter.wiring.CelebrityConfig;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The graph as the feed reads it over gRPC (PostQuery): who receives an author's posts, and whom
 * a reader follows. Only approved edges; accounts that asked to be erased are left out.
 */
@ApplicationScoped
public class FollowGraph {

    /** Follower counts are read this many accounts at a time, keeping each IN list modest. */
    private static final int COUNT_BATCH = 500;

    private final Mutiny.SessionFactory sessions;
    private final Counters counters;
    private final CelebrityConfig celebrities;

    FollowGraph(Mutiny.SessionFactory sessions, Counters counters, CelebrityConfig celebrities) {
        this.sessions = sessions;
        this.counters = counters;
        this.celebrities = celebrities;
    }

    /**
     * A page of the author's approved followers in ascending ID order, starting after {@code
     * afterFollowerId} (0 for the first page). ID order, not time, so a fan-out that streams page
     * after page neither skips nor repeats a follower while others follow or unfollow.
     */
    public Uni<List<Long>> approvedFollowers(long authorId, long afterFollowerId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT f.follower_id FROM follows f JOIN users u ON u.user_id = f.follower_id
                        WHERE f.followee_id = :author AND f.state = 'following' AND f.follower_id > :after
                          AND u.erasure_requested_at IS NULL
                        ORDER BY f.follower_id
                        LIMIT :limit""", Long.class)
                .setParameter("author", authorId)
                .setParameter("after", afterFollowerId)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Every account the user follows (approved), each flagged when it is a celebrity, in ID order. */
    public Uni<List<FollowedAccount>> following(long userId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT f.followee_id FROM follows f JOIN users u ON u.user_id = f.followee_id
                        WHERE f.follower_id = :user AND f.state = 'following' AND u.erasure_requested_at IS NULL
                        ORDER BY f.followee_id""", Long.class)
                .setParameter("user", userId)
                .getResultList()
                .chain(followees -> flagCelebrities(session, followees)));
    }

    private Uni<List<FollowedAccount>> flagCelebrities(Mutiny.Session session, List<Long> followees) {
        List<List<Long>> batches = new ArrayList<>();
        for (int i = 0; i < followees.size(); i += COUNT_BATCH) {
            batches.add(followees.subList(i, Math.min(followees.size(), i + COUNT_BATCH)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> counters.read(session, batch).map(counts -> batch.stream()
                        .map(id -> {
                            long followers = counts.get(id).get(CounterName.FOLLOWERS);
                            return new FollowedAccount(id, celebrities.isCelebrity(followers), followers);
                        })
                        .toList()))
                .collect().in(ArrayList<FollowedAccount>::new, List::addAll)
                .map(List::copyOf);
    }
}
