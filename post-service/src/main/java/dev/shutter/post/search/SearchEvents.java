package dev.shutter.post.search;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.events.EventRouter;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.post.search.SearchQueue.Kind;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The search index's inputs: every event that changes what search shows becomes a row of {@link
 * SearchQueue} (never a call to the engine, so an engine outage only makes the rows wait).
 * Handling an event twice, or two out of order, leaves the same rows.
 */
@ApplicationScoped
public class SearchEvents {

    static final String SUBSCRIPTION = "post-service-search";

    /**
     * Handlers at once per topic: each mostly waits for its group commit ({@link QueueWrites}), so
     * many in flight make big transactions.
     */
    static final int CONCURRENCY = 256;

    private final QueueWrites writes;
    private final Subscriptions subscriptions;

    SearchEvents(QueueWrites writes, Subscriptions subscriptions) {
        this.writes = writes;
        this.subscriptions = subscriptions;
    }

    void start(@Observes StartupEvent startup) {
        keep(EventTypes.POST_PUBLISHED, event -> enqueue(Kind.POST, event.payload().getPostId()));
        keep(EventTypes.POST_DELETED, event -> enqueue(Kind.POST, event.payload().getPostId()));
        keep(EventTypes.ENGAGEMENT, event -> counts(event.payload()));
        keep(EventTypes.PRIVACY_CHANGED, event -> Uni.join().all(enqueue(Kind.AUTHOR, event.payload().getUserId()),
                enqueue(Kind.USER, event.payload().getUserId())).andFailFast().replaceWithVoid());
        keep(EventTypes.PROFILE_CHANGED, event -> enqueue(Kind.USER, event.payload().getUserId()));
        keep(EventTypes.FOLLOW_CHANGED, event -> followers(event.payload()));
        keep(EventTypes.USER_ERASED, event -> Uni.join().all(enqueue(Kind.AUTHOR, event.payload().getUserId()),
                enqueue(Kind.USER, event.payload().getUserId())).andFailFast().replaceWithVoid());
    }

    private <T extends com.google.protobuf.MessageLite> void keep(dev.shutter.contracts.events.EventType<T> type,
            dev.shutter.events.EventHandler<T> handler) {
        subscriptions.keep(SubscriptionSpec.of(type, SUBSCRIPTION).withConcurrency(CONCURRENCY),
                EventRouter.builder().on(type, handler).build());
    }

    /** Likes, comments and saves move the top score; views do not. */
    private Uni<Void> counts(Engagement engagement) {
        return switch (engagement.getAction()) {
            case LIKE, UNLIKE, SAVE, UNSAVE, COMMENT, UNCOMMENT -> enqueue(Kind.SCORE, engagement.getPostId());
            default -> Uni.createFrom().voidItem();
        };
    }

    /** User search ranks by follower count: the followee's document follows its count. */
    private Uni<Void> followers(FollowChanged change) {
        return enqueue(Kind.USER, change.getFolloweeId());
    }

    private Uni<Void> enqueue(Kind kind, long entityId) {
        return writes.add(kind, entityId);
    }
}
