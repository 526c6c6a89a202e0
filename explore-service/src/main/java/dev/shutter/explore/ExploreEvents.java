package dev.shutter.explore;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.events.EventRouter;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.explore.FrozenLists;
import dev.shutter.explore.item.ItemIndexer;
import dev.shutter.explore.model.ModelWatcher;
import dev.shutter.explore.user.ExploreErasure;
import dev.shutter.explore.user.UserHistory;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;

/**
 * What explore-service consumes. Two subscriptions: this instance's own (every instance keeps
 * its own catalog and index, so each must see every post, engagement count and model release),
 * and the service's shared one for per-user state in Redis (histories, frozen lists), handled
 * once whichever instance takes it.
 */
@ApplicationScoped
public class ExploreEvents {

    public static final String SUBSCRIPTION = "explore-service";

    private final Subscriptions subscriptions;
    private final ItemIndexer items;
    private final UserHistory histories;
    private final FrozenLists lists;
    private final ModelWatcher watcher;
    private final ExploreErasure erasure;
    private final ExploreConfig config;

    ExploreEvents(Subscriptions subscriptions, ItemIndexer items, UserHistory histories, FrozenLists lists,
            ModelWatcher watcher, ExploreErasure erasure, ExploreConfig config) {
        this.erasure = erasure;
        this.subscriptions = subscriptions;
        this.items = items;
        this.histories = histories;
        this.lists = lists;
        this.watcher = watcher;
        this.config = config;
    }

    void start(@Observes @Priority(20) StartupEvent startup) {
        String own = config.index().subscription();
        subscribe(own, EventRouter.builder()
                .on(EventTypes.POST_PUBLISHED, event -> items.published(event.payload()))
                .on(EventTypes.POST_DELETED, event -> items.deleted(event.payload().getPostId()))
                .on(EventTypes.PRIVACY_CHANGED, event -> items.privacyChanged(event.payload().getUserId(),
                        event.payload().getIsPrivate()))
                .on(EventTypes.USER_ERASED, event -> items.erased(event.payload().getUserId()))
                .on(EventTypes.ENGAGEMENT, event -> items.engaged(event.payload()))
                .on(EventTypes.MODEL_PUBLISHED, event -> watcher.look())
                .build(), EventTypes.POST_PUBLISHED.topic(), EventTypes.POST_DELETED.topic(),
                EventTypes.PRIVACY_CHANGED.topic(), EventTypes.USER_ERASED.topic(), EventTypes.ENGAGEMENT.topic(),
                EventTypes.MODEL_PUBLISHED.topic());
        subscriptions.keep(EventTypes.ENGAGEMENT, SUBSCRIPTION, event -> histories.record(event.payload()));
        subscriptions.keep(EventTypes.FOLLOW_CHANGED, SUBSCRIPTION, event -> followChanged(event.payload()));
        subscriptions.keep(EventTypes.POST_DELETED, SUBSCRIPTION, event -> histories.postDeleted(event.payload().getPostId()));
        subscriptions.keep(EventTypes.USER_ERASED, SUBSCRIPTION, event -> erasure.erase(event.payload().getUserId()));
    }

    /** A new follow must leave Explore at once: the follower's frozen list goes. */
    private io.smallrye.mutiny.Uni<Void> followChanged(FollowChanged event) {
        return lists.forget(event.getFollowerId());
    }

    private void subscribe(String name, EventRouter router, String... topics) {
        for (String topic : topics) {
            subscriptions.keep(SubscriptionSpec.of(topic, name), router);
        }
    }
}
