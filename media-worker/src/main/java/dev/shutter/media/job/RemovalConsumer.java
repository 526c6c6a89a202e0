package dev.shutter.media.job;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.UserErased;
import dev.shutter.events.Event;
import dev.shutter.events.EventPublisher;
import dev.shutter.wiring.Bucket;
import dev.shutter.wiring.MediaBucketConfig;
import dev.shutter.wiring.Subscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Removes processed media when their post is deleted ({@code post.deleted}) or their owner
 * erased ({@code user.erased}, then reported to the erasure ledger as store {@value #STORE}).
 */
@ApplicationScoped
public class RemovalConsumer {

    /** This store's name in the erasure ledger. */
    public static final String STORE = "media";
    static final String SUBSCRIPTION = "media-worker-removal";
    private static final Logger LOG = Logger.getLogger(RemovalConsumer.class);

    private final Subscriptions subscriptions;
    private final EventPublisher publisher;
    private final MediaBucketConfig mediaConfig;
    private final MeterRegistry metrics;
    private MediaRemoval removal;

    RemovalConsumer(Subscriptions subscriptions, EventPublisher publisher, MediaBucketConfig mediaConfig, MeterRegistry metrics) {
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.mediaConfig = mediaConfig;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent started) {
        removal = new MediaRemoval(Bucket.open(mediaConfig, publisher).store());
        subscriptions.keep(EventTypes.POST_DELETED, SUBSCRIPTION, this::postDeleted);
        subscriptions.keep(EventTypes.USER_ERASED, SUBSCRIPTION, this::accountErased);
    }

    private Uni<Void> postDeleted(Event<PostDeleted> event) {
        PostDeleted post = event.payload();
        return blocking(() -> removal.postDeleted(post.getAuthorId(), post.getPostId(), post.getAccountErased()))
                .invoke(removed -> {
                    metrics.counter("shutter.media.removed", "reason", "post_deleted").increment(removed);
                    LOG.debugf("Post %d deleted: %d media objects removed", post.getPostId(), removed);
                })
                .replaceWithVoid();
    }

    private Uni<Void> accountErased(Event<UserErased> event) {
        long userId = event.payload().getUserId();
        return blocking(() -> removal.accountErased(userId))
                .chain(removed -> {
                    metrics.counter("shutter.media.removed", "reason", "account_erased").increment(removed);
                    LOG.infof("Account %d erased: %d media objects removed", userId, removed);
                    Instant now = Instant.now();
                    return publisher.publish(EventTypes.ERASURE_FINISHED, Long.toString(userId), ErasureFinished.newBuilder()
                            .setUserId(userId).setStore(STORE).setRemoved(removed)
                            .setFinishedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                            .build());
                });
    }

    private interface StoreWork {
        int run() throws IOException;
    }

    private static Uni<Integer> blocking(StoreWork work) {
        return Uni.createFrom().item(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
