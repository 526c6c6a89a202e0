package dev.shutter.post.follow;

import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.erasure.Batches;
import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Erasure of an account's place in the graph: the accounts it follows or asked to follow, and
 * those that follow it or asked to; every approved edge takes back the other side's count
 * (followers of a followee, following of a follower). After the timelines: feed-service streams
 * the account's followers from here to take its posts out of their timelines.
 */
@ApplicationScoped
public class FollowErasure implements ErasureStep {

    /** Which end of the edge is the erased account, and whose count on the other end drops. */
    private enum End {
        FOLLOWER("follower_id", "followee_id", CounterName.FOLLOWERS),
        FOLLOWEE("followee_id", "follower_id", CounterName.FOLLOWING);

        final String mine;
        final String other;
        final CounterName othersCount;

        End(String mine, String other, CounterName othersCount) {
            this.mine = mine;
            this.other = other;
            this.othersCount = othersCount;
        }
    }

    private final Mutiny.SessionFactory sessions;
    private final Counters counters;

    FollowErasure(Mutiny.SessionFactory sessions, Counters counters) {
        this.sessions = sessions;
        this.counters = counters;
    }

    @Override
    public String store() {
        return "follows";
    }

    @Override
    public Set<String> after() {
        return Set.of("timelines");
    }

    @Override
    public Uni<Long> erase(long userId) {
        return Batches.untilEmpty(() -> batch(End.FOLLOWER, userId))
                .chain(out -> Batches.untilEmpty(() -> batch(End.FOLLOWEE, userId)).map(in -> out + in));
    }

    private Uni<Integer> batch(End end, long userId) {
        return sessions.withTransaction(session -> session.createNativeQuery("SELECT " + end.other + ", state FROM follows WHERE "
                                + end.mine + " = :user LIMIT :limit FOR UPDATE", Object[].class)
                .setParameter("user", userId)
                .setParameter("limit", Batches.SIZE)
                .getResultList()
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> {
                            long other = ((Number) row[0]).longValue();
                            boolean approved = FollowState.FOLLOWING.column().equals(row[1]);
                            return session.createNativeQuery("DELETE FROM follows WHERE " + end.mine + " = :user AND "
                                            + end.other + " = :other")
                                    .setParameter("user", userId)
                                    .setParameter("other", other)
                                    .executeUpdate()
                                    .call(deleted -> deleted == 1 && approved
                                            ? counters.add(session, other, end.othersCount, -1)
                                            : Uni.createFrom().voidItem());
                        })
                        .collect().asList()
                        .map(deleted -> deleted.stream().mapToInt(Integer::intValue).sum())));
    }
}
