package dev.shutter.wiring;

import com.google.protobuf.MessageLite;
import dev.shutter.contracts.events.EventType;
import dev.shutter.events.EventHandler;
import dev.shutter.events.EventRouter;
import dev.shutter.events.EventSubscriber;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A service's subscriptions for as long as it runs. Subscribing blocks (it creates the consumer
 * group or subscription), so call {@link #keep} from a startup observer, never an event loop. If
 * the broker is not reachable then, a virtual thread keeps trying instead of failing the start;
 * at shutdown every subscription closes before the event bus does, so handlers in flight finish
 * or their messages go back for redelivery.
 */
@Singleton
public class Subscriptions {

    private static final Logger LOG = Logger.getLogger(Subscriptions.class);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final EventSubscriber subscriber;
    private final List<Subscription> open = new ArrayList<>();
    private volatile boolean stopping;

    Subscriptions(EventSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    /** Subscribes {@code subscription} to the topic of {@code type} with the default spec, routing its events to {@code handler}. */
    public <T extends MessageLite> void keep(EventType<T> type, String subscription, EventHandler<T> handler) {
        keep(SubscriptionSpec.of(type, subscription), EventRouter.builder().on(type, handler).build());
    }

    public void keep(SubscriptionSpec spec, MessageHandler handler) {
        try {
            add(subscriber.subscribe(spec, handler));
        } catch (RuntimeException e) {
            LOG.errorf("Could not subscribe %s to %s (%s); retrying every %s", spec.name(), spec.topic(),
                    e.getMessage(), RETRY);
            Thread.ofVirtual().name("subscribe-" + spec.topic()).start(() -> retry(spec, handler));
        }
    }

    private void retry(SubscriptionSpec spec, MessageHandler handler) {
        while (!stopping) {
            try {
                Thread.sleep(RETRY);
                add(subscriber.subscribe(spec, handler));
                LOG.infof("Subscribed %s to %s", spec.name(), spec.topic());
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
            open.add(subscription);
        }
    }

    synchronized void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        open.forEach(Subscription::close);
        open.clear();
    }
}
