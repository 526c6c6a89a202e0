package dev.shutter.post.follow;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Who may see an account's content: everyone for a public account; for a private one, the owner
 * and approved followers. Anything else answers 404, never 403, so existence does not leak.
 */
@ApplicationScoped
public class Visibility {

    public Uni<Boolean> canSee(Mutiny.Session session, long viewerId, long authorId, boolean authorPrivate) {
        if (!authorPrivate || viewerId == authorId) {
            return Uni.createFrom().item(true);
        }
        if (viewerId == 0) {
            return Uni.createFrom().item(false);
        }
        return session.createNativeQuery("""
                        SELECT count(*) FROM follows
                        WHERE follower_id = :viewer AND followee_id = :author AND state = 'following'""", Long.class)
                .setParameter("viewer", viewerId)
                .setParameter("author", authorId)
                .getSingleResult()
                .map(count -> count > 0);
    }
}
