package dev.shutter.post.session;

import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Erasure of an account's sessions: its refresh tokens. They were revoked when erasure was asked
 * (and their access tokens refused from then on); here the rows go.
 */
@ApplicationScoped
public class SessionErasure implements ErasureStep {

    private final Mutiny.SessionFactory sessions;

    SessionErasure(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public String store() {
        return "sessions";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return sessions.withTransaction(session -> session.createNativeQuery("DELETE FROM refresh_tokens WHERE user_id = :user")
                .setParameter("user", userId)
                .executeUpdate()
                .map(Integer::longValue));
    }
}
