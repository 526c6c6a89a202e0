package dev.shutter.post.post.media;

import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.events.EventRouter;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.post.platform.IsolatedContext;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Consumes the media worker's verdicts ({@code media.processed}, {@code media.failed}) for as long as the application runs. */
@ApplicationScoped
public class MediaEvents {

    public static final String PROCESSED = "media.processed";
    public static final String FAILED = "media.failed";
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
        subscriptions.keep(SubscriptionSpec.of(PROCESSED, SUBSCRIPTION), EventRouter.builder()
                .on(PROCESSED, MediaProcessed.parser(), event -> IsolatedContext.run(vertx, () -> processing.processed(event.payload()))
                        .replaceWithVoid())
                .build());
        subscriptions.keep(SubscriptionSpec.of(FAILED, SUBSCRIPTION), EventRouter.builder()
                .on(FAILED, MediaFailed.parser(), event -> IsolatedContext.run(vertx, () -> processing.failed(event.payload()))
                        .replaceWithVoid())
                .build());
    }
}
