package dev.shutter.post.account;

import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The last step of an erasure: the account row and its own counters, once every other store has
 * removed what it holds (they find their data through the account until then).
 */
@ApplicationScoped
public class AccountErasure implements ErasureStep {

    private final Mutiny.SessionFactory sessions;

    AccountErasure(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public String store() {
        return "account";
    }

    @Override
    public boolean last() {
        return true;
    }

    @Override
    public Uni<Long> erase(long userId) {
        return sessions.withTransaction(session -> session.createNativeQuery("DELETE FROM counter_shards WHERE entity_id = :user")
                .setParameter("user", userId)
                .executeUpdate()
                .chain(counters -> session.createNativeQuery("DELETE FROM users WHERE user_id = :user")
                        .setParameter("user", userId)
                        .executeUpdate()
                        .map(users -> (long) counters + users)));
    }
}
