package dev.shutter.post.follow;

import dev.shutter.post.account.User;
import dev.shutter.post.profile.PrivacyChanges;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/** An account that turns public approves every pending follow request, as the requesters expect. */
@ApplicationScoped
public class PendingRequestApprover implements PrivacyChanges {

    private final FollowEdges edges;

    PendingRequestApprover(FollowEdges edges) {
        this.edges = edges;
    }

    @Override
    public Uni<Void> becamePublic(Mutiny.Session session, User user) {
        return edges.approveAll(session, user.userId).replaceWithVoid();
    }
}
