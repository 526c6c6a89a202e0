package dev.shutter.post.engagement;

import dev.shutter.contracts.events.EventTypes;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.events.Envelope;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the `engagement` topic as a consumer would: a consumer group of its own on the test
 * Redis the service publishes to, from the start of the stream, one message at a time so the
 * received order is the published order.
 */
final class EngagementStream implements AutoCloseable {

    record Received(Envelope envelope, Engagement event) {}

    private static EngagementStream shared;

    private final RedisStreamEventBus bus;
    private final Subscription subscription;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private EngagementStream() {
        String redis = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class);
        bus = RedisStreamEventBus.create(redis);
        subscription = bus.subscribe(SubscriptionSpec.of(EventTypes.ENGAGEMENT, "engagement-test-" + UUID.randomUUID())
                .withConcurrency(1), delivery -> {
                    Envelope envelope = delivery.envelope();
                    try {
                        received.add(new Received(envelope, Engagement.parseFrom(envelope.payload())));
                    } catch (InvalidProtocolBufferException e) {
                        return Uni.createFrom().failure(e);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** One reader for the test run (events are told apart by post), closed at exit. */
    static synchronized EngagementStream shared() {
        if (shared == null) {
            shared = new EngagementStream();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "engagement-stream-close"));
        }
        return shared;
    }

    /** Every event received so far about this post, in order. */
    List<Received> about(long postId) {
        return received.stream().filter(r -> r.event().getPostId() == postId).toList();
    }

    List<Engagement.Action> actions(long postId) {
        return about(postId).stream().map(r -> r.event().getAction()).toList();
    }

    @Override
    public void close() {
        subscription.close();
        bus.close();
    }
}
