package dev.shutter.post.post.media;

import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.events.EventRouter;
import dev.shutter.events.EventSubscriber;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.post.platform.IsolatedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Consumes the media worker's verdicts ({@code media.processed}, {@code media.failed}) for as
 * long as the application runs. Subscribing blocks (it creates the consumer group or
 * subscription), so it happens on the startup thread, never an event loop; if the broker is not
 * reachable then, a virtual thread keeps trying instead of failing the start.
 */
@ApplicationScoped
public class MediaEvents {

    public static final String PROCESSED = "media.processed";
    public static final String FAILED = "media.failed";
    public static final String SUBSCRIPTION = "post-service";

    private static final Logger LOG = Logger.getLogger(MediaEvents.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final EventSubscriber subscriber;
    private final MediaProcessing processing;
    private final Vertx vertx;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile boolean stopping;

    MediaEvents(EventSubscriber subscriber, MediaProcessing processing, Vertx vertx) {
        this.subscriber = subscriber;
        this.processing = processing;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        subscribe(PROCESSED, EventRouter.builder()
                .on(PROCESSED, MediaProcessed.parser(), event -> IsolatedContext.run(vertx, () -> processing.processed(event.payload()))
                        .replaceWithVoid())
                .build());
        subscribe(FAILED, EventRouter.builder()
                .on(FAILED, MediaFailed.parser(), event -> IsolatedContext.run(vertx, () -> processing.failed(event.payload()))
                        .replaceWithVoid())
                .build());
    }

    private void subscribe(String topic, EventRouter router) {
        SubscriptionSpec spec = SubscriptionSpec.of(topic, SUBSCRIPTION);
        try {
            add(subscriber.subscribe(spec, router));
        } catch (RuntimeException e) {
            LOG.errorf("Could not subscribe to %s (%s); retrying every %s", topic, e.getMessage(), RETRY);
            Thread.ofVirtual().name("subscribe-" + topic).start(() -> retry(spec, router));
        }
    }

    private void retry(SubscriptionSpec spec, EventRouter router) {
        while (!stopping) {
            try {
                Thread.sleep(RETRY);
                add(subscriber.subscribe(spec, router));
                LOG.infof("Subscribed to %s", spec.topic());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debugf("Subscribing to %s failed again: %s", spec.topic(), e.getMessage());
            }
        }
    }

    private synchronized void add(Subscription subscription) {
        if (stopping) {
            subscription.close();
        } else {
            subscriptions.add(subscription);
        }
    }

    /** Before the event bus closes: handlers in flight finish, or their messages go back for redelivery. */
    synchronized void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }
}
