package dev.shutter.post.follow;

import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.post.account.User;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.profile.PrivacyChanges;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** An account that turns public approves every pending follow request, as the requesters expect. */
@ApplicationScoped
public class PendingRequestApprover implements PrivacyChanges {

    private final Counters counters;
    private final FollowEvents events;

    PendingRequestApprover(Counters counters, FollowEvents events) {
        this.counters = counters;
        this.events = events;
    }

    @Override
    public Uni<Void> becamePublic(Mutiny.Session session, User user) {
        return session.createNativeQuery("SELECT follower_id FROM follows WHERE followee_id = :user AND state = 'requested'", Long.class)
                .setParameter("user", user.userId)
                .getResultList()
                .chain(requesters -> approve(session, user.userId, requesters));
    }

    private Uni<Void> approve(Mutiny.Session session, long followeeId, List<Long> requesters) {
        if (requesters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("UPDATE follows SET state = 'following' WHERE followee_id = :user AND state = 'requested'")
                .setParameter("user", followeeId)
                .executeUpdate()
                .chain(() -> counters.add(session, followeeId, CounterName.FOLLOWERS, requesters.size()))
                .chain(() -> Multi.createFrom().iterable(requesters)
                        .onItem().transformToUniAndConcatenate(follower -> counters.add(session, follower, CounterName.FOLLOWING, 1)
                                .chain(() -> events.changed(session, follower, followeeId, FollowChanged.State.FOLLOWING, false)))
                        .collect().last())
                .replaceWithVoid();
    }
}
