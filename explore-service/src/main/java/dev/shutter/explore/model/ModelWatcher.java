package dev.shutter.explore.model;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Looks in the model store for a newer complete release: at start, on every {@code
 * model.published}, and every {@code shutter.explore.models.check-interval} in case an event
 * was missed. One look at a time; the store is read off the event loop.
 */
@ApplicationScoped
public class ModelWatcher {

    private static final Logger LOG = Logger.getLogger(ModelWatcher.class);

    private final ActiveModels models;
    private final AtomicBoolean looking = new AtomicBoolean();

    ModelWatcher(ActiveModels models) {
        this.models = models;
    }

    /** A look in the background; nothing when one is under way. */
    public Uni<Void> look() {
        return Uni.createFrom().<Void>item(() -> {
            if (looking.compareAndSet(false, true)) {
                try {
                    models.offerLatest();
                } catch (Exception e) {
                    LOG.warnf("Could not read the model store: %s; the models serving keep serving", e.getMessage());
                } finally {
                    looking.set(false);
                }
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Scheduled(every = "${shutter.explore.models.check-interval}", delayed = "${shutter.explore.models.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        look().subscribe().with(ignored -> {}, e -> LOG.warnf("model check failed: %s", e.getMessage()));
    }
}
