package dev.shutter.post.post.media;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.post.story.StoryMedia;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Consumes the media worker's verdicts ({@code media.processed}, {@code media.failed}) for as long
 * as the application runs: a post's item to {@link MediaProcessing}, a story's to {@link StoryMedia}.
 */
@ApplicationScoped
public class MediaEvents {

    public static final String SUBSCRIPTION = "post-service";

    private final Subscriptions subscriptions;
    private final MediaProcessing processing;
    private final StoryMedia stories;
    private final Vertx vertx;

    MediaEvents(Subscriptions subscriptions, MediaProcessing processing, StoryMedia stories, Vertx vertx) {
        this.subscriptions = subscriptions;
        this.processing = processing;
        this.stories = stories;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(EventTypes.MEDIA_PROCESSED, SUBSCRIPTION,
                event -> IsolatedContext.run(vertx, () -> event.payload().getStory()
                        ? stories.processed(event.payload()).replaceWithVoid()
                        : processing.processed(event.payload()).replaceWithVoid()));
        subscriptions.keep(EventTypes.MEDIA_FAILED, SUBSCRIPTION,
                event -> IsolatedContext.run(vertx, () -> event.payload().getStory()
                        ? stories.failed(event.payload()).replaceWithVoid()
                        : processing.failed(event.payload()).replaceWithVoid()));
    }
}
