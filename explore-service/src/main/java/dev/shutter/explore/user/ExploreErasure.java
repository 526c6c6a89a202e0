package dev.shutter.explore.user;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.events.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * {@code user.erased}, once per event for the service: the user's history, embedding and frozen
 * list, and the user among other posts' engagers, go; then {@code erasure.finished} (store
 * {@value #STORE}) tells post-service's ledger. Each instance drops the account's posts from its
 * own catalog and index on its own subscription. Idempotent: a replay finds nothing left.
 */
@ApplicationScoped
public class ExploreErasure {

    public static final String STORE = "explore";
    private static final Logger LOG = Logger.getLogger(ExploreErasure.class);

    private final UserHistory histories;
    private final EventPublisher publisher;

    ExploreErasure(UserHistory histories, EventPublisher publisher) {
        this.histories = histories;
        this.publisher = publisher;
    }

    public Uni<Void> erase(long userId) {
        return histories.erase(userId).chain(removed -> {
            LOG.infof("Erasure of %d: explore done (%d entries removed)", userId, removed);
            Instant now = Instant.now();
            return publisher.publish(EventTypes.ERASURE_FINISHED, Long.toString(userId), ErasureFinished.newBuilder()
                    .setUserId(userId).setStore(STORE).setRemoved(removed)
                    .setFinishedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                    .build());
        });
    }
}
