package dev.shutter.wiring;

import dev.shutter.events.Envelope;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.EventPublisher;
import dev.shutter.events.EventSubscriber;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.pubsub.PubSubConfig;
import dev.shutter.events.pubsub.PubSubEventBus;
import dev.shutter.events.redis.DeduplicatingHandler;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.events.redis.RedisStreamOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** The events port on the backend the configuration names; inject it as either port. */
@Singleton
public class EventBus implements EventPublisher, EventSubscriber {

    private final EventPublisher publisher;
    private final EventSubscriber subscriber;
    private final AutoCloseable closeable;
    private final EventsConfig config;
    private final Redis redis;

    EventBus(EventsConfig config, Vertx vertx, Redis redis) {
        this.config = config;
        this.redis = redis;
        switch (config.backend()) {
            case REDIS -> {
                RedisStreamEventBus bus = new RedisStreamEventBus(vertx, redis, RedisStreamOptions.defaults());
                publisher = bus;
                subscriber = bus;
                closeable = bus;
            }
            case PUBSUB -> {
                String project = config.pubsubProject().orElseThrow(() -> new IllegalStateException(
                        "shutter.events.pubsub-project is required with shutter.events.backend=pubsub"));
                PubSubEventBus bus = new PubSubEventBus(new PubSubConfig(project,
                        config.pubsubEmulatorHost().orElse(null), config.pubsubEmulatorHost().isPresent()));
                publisher = bus;
                subscriber = bus;
                closeable = bus;
            }
            default -> throw new IllegalStateException("unknown events backend " + config.backend());
        }
    }

    @Override
    public Uni<Void> publish(String topic, Envelope envelope) {
        return publisher.publish(topic, envelope);
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, MessageHandler handler) {
        SubscriptionSpec configured = withConfiguredRetries(spec);
        // Every service's subscriptions see each event once, by its ID, on either backend.
        return subscriber.subscribe(configured,
                new DeduplicatingHandler(redis, configured, handler, config.dedupWindow(), EventMetrics.global()));
    }

    private SubscriptionSpec withConfiguredRetries(SubscriptionSpec spec) {
        java.time.Duration first = config.retryBackoff().orElse(spec.retryBackoff());
        java.time.Duration longest = config.maxRetryBackoff().orElse(spec.maxRetryBackoff());
        return spec.withRetryBackoff(first, longest.compareTo(first) < 0 ? first : longest);
    }

    @PreDestroy
    void close() throws Exception {
        closeable.close();
    }
}
