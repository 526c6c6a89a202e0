package dev.shutter.feed.fanout;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** What feed-service consumes, for as long as it runs. */
@ApplicationScoped
public class FeedEvents {

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
        subscriptions.keep(EventTypes.POST_PUBLISHED, SUBSCRIPTION, fanout::published);
        subscriptions.keep(EventTypes.POST_DELETED, SUBSCRIPTION, event -> fanout.deleted(event.payload()));
        subscriptions.keep(EventTypes.FOLLOW_CHANGED, SUBSCRIPTION, event -> follows.changed(event.payload()));
    }
}
