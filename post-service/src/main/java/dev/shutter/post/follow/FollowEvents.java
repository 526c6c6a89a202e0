package dev.shutter.post.follow;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;

/** Announces every change of the follow graph as `follow.changed`, in the change's transaction. */
@ApplicationScoped
public class FollowEvents {

    private final Outbox outbox;

    FollowEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> changed(Mutiny.Session session, long followerId, long followeeId, FollowChanged.State state,
            boolean followeeCelebrity, long followeeFollowers) {
        return changed(session, followerId, followeeId, state, followeeCelebrity, followeeFollowers, false);
    }

    /** As above; {@code approved} when the edge became {@code FOLLOWING} by approving a pending request. */
    public Uni<Void> changed(Mutiny.Session session, long followerId, long followeeId, FollowChanged.State state,
            boolean followeeCelebrity, long followeeFollowers, boolean approved) {
        return nextVersion(session, followerId).chain(version -> {
            Instant now = Instant.now();
            FollowChanged payload = FollowChanged.newBuilder()
                    .setFollowerId(followerId)
                    .setFolloweeId(followeeId)
                    .setState(state)
                    .setFolloweeCelebrity(followeeCelebrity)
                    .setFolloweeFollowerCount(followeeFollowers)
                    .setApproved(approved)
                    .setVersion(version)
                    .setAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                    .build();
            // Keyed by the follower: a follower's changes are ordered for the timeline that merges them.
            return outbox.add(session, EventTypes.FOLLOW_CHANGED, Long.toString(followerId), payload);
        });
    }

    /**
     * The follower's next follow version, under its row's lock until the change commits, so two
     * changes of one follower are numbered in commit order. A follower whose row is gone (erased)
     * has nothing after this change: the highest version.
     */
    private static Uni<Long> nextVersion(Mutiny.Session session, long followerId) {
        return session.createNativeQuery("""
                        UPDATE users SET follow_version = follow_version + 1 WHERE user_id = :follower RETURNING follow_version""",
                        Long.class)
                .setParameter("follower", followerId)
                .getResultList()
                .map(versions -> versions.isEmpty() ? Long.MAX_VALUE : versions.getFirst());
    }
}
