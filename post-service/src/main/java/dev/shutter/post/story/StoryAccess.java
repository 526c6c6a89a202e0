package dev.shutter.post.story;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Who may see an account's stories: the owner; everyone for a public account; for a private one,
 * approved followers only. One query; an erased account's stories are nobody's to see.
 */
@ApplicationScoped
public class StoryAccess {

    private final Mutiny.SessionFactory sessions;

    StoryAccess(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Boolean> canSee(long viewerId, long authorId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT u.is_private, (SELECT count(*) FROM follows f WHERE f.follower_id = :viewer
                                              AND f.followee_id = u.user_id AND f.state = 'following')
                        FROM users u WHERE u.user_id = :author AND u.erasure_requested_at IS NULL""", Object[].class)
                .setParameter("viewer", viewerId)
                .setParameter("author", authorId)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return false;
                    }
                    Object[] row = rows.getFirst();
                    return viewerId == authorId || !((Boolean) row[0]) || ((Number) row[1]).longValue() > 0;
                }));
    }
}
