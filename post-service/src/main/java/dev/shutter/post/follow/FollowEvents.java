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
        Instant now = Instant.now();
        FollowChanged payload = FollowChanged.newBuilder()
                .setFollowerId(followerId)
                .setFolloweeId(followeeId)
                .setState(state)
                .setFolloweeCelebrity(followeeCelebrity)
                .setFolloweeFollowerCount(followeeFollowers)
                .setApproved(approved)
                .setAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        // Keyed by the follower: a follower's changes are ordered for the timeline that merges them.
        return outbox.add(session, EventTypes.FOLLOW_CHANGED, Long.toString(followerId), payload);
    }
}
