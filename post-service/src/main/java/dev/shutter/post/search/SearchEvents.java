package dev.shutter.post.search;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.post.search.SearchQueue.Kind;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The search index's inputs: every event that changes what search shows becomes a row of {@link
 * SearchQueue} (never a call to the engine, so an engine outage only makes the rows wait).
 * Handling an event twice, or two out of order, leaves the same rows.
 */
@ApplicationScoped
public class SearchEvents {

    static final String SUBSCRIPTION = "post-service-search";

    private final SearchQueue queue;
    private final Subscriptions subscriptions;
    private final Vertx vertx;

    SearchEvents(SearchQueue queue, Subscriptions subscriptions, Vertx vertx) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(EventTypes.POST_PUBLISHED, SUBSCRIPTION,
                event -> enqueue(Kind.POST, event.payload().getPostId()));
        subscriptions.keep(EventTypes.POST_DELETED, SUBSCRIPTION,
                event -> enqueue(Kind.POST, event.payload().getPostId()));
        subscriptions.keep(EventTypes.ENGAGEMENT, SUBSCRIPTION, event -> counts(event.payload()));
        subscriptions.keep(EventTypes.PRIVACY_CHANGED, SUBSCRIPTION,
                event -> enqueue(Kind.AUTHOR, event.payload().getUserId())
                        .chain(() -> enqueue(Kind.USER, event.payload().getUserId())));
        subscriptions.keep(EventTypes.PROFILE_CHANGED, SUBSCRIPTION,
                event -> enqueue(Kind.USER, event.payload().getUserId()));
        subscriptions.keep(EventTypes.FOLLOW_CHANGED, SUBSCRIPTION, event -> followers(event.payload()));
        subscriptions.keep(EventTypes.USER_ERASED, SUBSCRIPTION,
                event -> enqueue(Kind.AUTHOR, event.payload().getUserId())
                        .chain(() -> enqueue(Kind.USER, event.payload().getUserId())));
    }

    /** Likes, comments and saves move the top score; views do not. */
    private Uni<Void> counts(Engagement engagement) {
        return switch (engagement.getAction()) {
            case LIKE, UNLIKE, SAVE, UNSAVE, COMMENT -> enqueue(Kind.SCORE, engagement.getPostId());
            default -> Uni.createFrom().voidItem();
        };
    }

    /** User search ranks by follower count: the followee's document follows its count. */
    private Uni<Void> followers(FollowChanged change) {
        return enqueue(Kind.USER, change.getFolloweeId());
    }

    private Uni<Void> enqueue(Kind kind, long entityId) {
        return IsolatedContext.run(vertx, () -> queue.enqueue(kind, List.of(entityId)));
    }
}
