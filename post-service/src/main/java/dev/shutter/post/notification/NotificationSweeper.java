package dev.shutter.post.notification;

import dev.shutter.post.erasure.Batches;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Removes items whose newest activity is older than {@code shutter.notifications.kept} (90 days),
 * with their actors and counts, in batches. Two instances sweeping at once delete each row once.
 */
@ApplicationScoped
public class NotificationSweeper {

    private static final Logger LOG = Logger.getLogger(NotificationSweeper.class);

    private final Mutiny.SessionFactory sessions;
    private final NotificationWrites writes;
    private final NotificationsConfig config;

    NotificationSweeper(Mutiny.SessionFactory sessions, NotificationWrites writes, NotificationsConfig config) {
        this.sessions = sessions;
        this.writes = writes;
        this.config = config;
    }

    @Scheduled(every = "${shutter.notifications.sweep-interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return sweep(Instant.now().minus(config.kept())).invoke(removed -> {
            if (removed > 0) {
                LOG.infof("Notifications: %d items older than %s removed", removed, config.kept());
            }
        }).replaceWithVoid();
    }

    /** Removes every item with no activity since {@code before}; returns how many. */
    public Uni<Long> sweep(Instant before) {
        return Batches.untilEmpty(() -> sessions.withTransaction(session -> writes.dropOlderThan(session, before, Batches.SIZE)));
    }
}
