package dev.shutter.post.story;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the tray's index ({@link LiveStories}) by post-service's own story events: {@code
 * story.published} adds the story (read back from its row, so a replay after expiry or deletion
 * adds nothing), {@code story.expired} removes it. Both idempotent.
 */
@ApplicationScoped
public class StoryEvents {

    static final String SUBSCRIPTION = "post-service-stories";

    private final Subscriptions subscriptions;
    private final StoryRows rows;
    private final LiveStories live;
    private final Vertx vertx;

    StoryEvents(Subscriptions subscriptions, StoryRows rows, LiveStories live, Vertx vertx) {
        this.subscriptions = subscriptions;
        this.rows = rows;
        this.live = live;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(EventTypes.STORY_PUBLISHED, SUBSCRIPTION, event -> IsolatedContext.run(vertx,
                () -> rows.find(event.payload().getStoryId()).chain(story -> story == null || !story.liveAt(java.time.Instant.now())
                        ? Uni.createFrom().voidItem()
                        : live.add(rows.card(story)))));
        subscriptions.keep(EventTypes.STORY_EXPIRED, SUBSCRIPTION, event -> IsolatedContext.run(vertx,
                () -> live.remove(event.payload().getAuthorId(), event.payload().getStoryId())));
    }
}
