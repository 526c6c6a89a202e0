package dev.shutter.post.notification;

import dev.shutter.post.erasure.Batches;
import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Erasure of an account's notifications: its own list and read mark, then its appearances as an
 * actor in others' items (each item counting one less, and going with its last actor), in
 * batches. Events about the account arriving later change nothing: every write checks that
 * neither its recipient nor its actor is being erased.
 */
@ApplicationScoped
public class NotificationErasure implements ErasureStep {

    private final Mutiny.SessionFactory sessions;
    private final NotificationWrites writes;

    NotificationErasure(Mutiny.SessionFactory sessions, NotificationWrites writes) {
        this.sessions = sessions;
        this.writes = writes;
    }

    @Override
    public String store() {
        return "notifications";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return Batches.untilEmpty(() -> sessions.withTransaction(session -> writes.dropOf(session, userId, Batches.SIZE)))
                .chain(own -> sessions.withTransaction(session -> session.createNativeQuery(
                                        "DELETE FROM notification_reads WHERE recipient_id = :recipient")
                                .setParameter("recipient", userId)
                                .executeUpdate())
                        .chain(() -> Batches.untilEmpty(() -> sessions.withTransaction(session ->
                                writes.removeActor(session, userId, Batches.SIZE))))
                        .map(asActor -> own + asActor));
    }
}
