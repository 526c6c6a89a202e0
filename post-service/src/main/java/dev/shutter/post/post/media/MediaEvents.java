package dev.shutter.post.post.media;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Consumes the media worker's verdicts ({@code media.processed}, {@code media.failed}) for as long as the application runs. */
@ApplicationScoped
public class MediaEvents {

    public static final String SUBSCRIPTION = "post-service";

    private final Subscriptions subscriptions;
    private final MediaProcessing processing;
    private final Vertx vertx;

    MediaEvents(Subscriptions subscriptions, MediaProcessing processing, Vertx vertx) {
        this.subscriptions = subscriptions;
        this.processing = processing;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(EventTypes.MEDIA_PROCESSED, SUBSCRIPTION,
                event -> IsolatedContext.run(vertx, () -> processing.processed(event.payload())).replaceWithVoid());
        subscriptions.keep(EventTypes.MEDIA_FAILED, SUBSCRIPTION,
                event -> IsolatedContext.run(vertx, () -> processing.failed(event.payload())).replaceWithVoid());
    }
}
