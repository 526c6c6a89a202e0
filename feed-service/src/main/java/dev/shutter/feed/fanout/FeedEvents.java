package dev.shutter.feed.fanout;

import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.events.EventRouter;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** What feed-service consumes, for as long as it runs. */
@ApplicationScoped
public class FeedEvents {

    public static final String PUBLISHED = "post.published";
    public static final String DELETED = "post.deleted";
    public static final String FOLLOW_CHANGED = "follow.changed";
    public static final String SUBSCRIPTION = "feed-service";

    private final Subscriptions subscriptions;
    private final PostFanout fanout;
    private final FollowMerge follows;

    FeedEvents(Subscriptions subscriptions, PostFanout fanout, FollowMerge follows) {
        this.subscriptions = subscriptions;
        this.fanout = fanout;
        this.follows = follows;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(SubscriptionSpec.of(PUBLISHED, SUBSCRIPTION), EventRouter.builder()
                .on(PUBLISHED, PostPublished.parser(), fanout::published)
                .build());
        subscriptions.keep(SubscriptionSpec.of(DELETED, SUBSCRIPTION), EventRouter.builder()
                .on(DELETED, PostDeleted.parser(), event -> fanout.deleted(event.payload()))
                .build());
        subscriptions.keep(SubscriptionSpec.of(FOLLOW_CHANGED, SUBSCRIPTION), EventRouter.builder()
                .on(FOLLOW_CHANGED, FollowChanged.parser(), event -> follows.changed(event.payload()))
                .build());
    }
}
