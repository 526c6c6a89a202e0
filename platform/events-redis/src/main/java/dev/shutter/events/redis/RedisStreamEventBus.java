package dev.shutter.events.redis;

import dev.shutter.events.CallerContext;
import dev.shutter.events.Envelope;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.EventPublisher;
import dev.shutter.events.EventSubscriber;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events port on Redis Streams, Shutter's embedded default: a topic is a stream, a
 * subscription a consumer group. At-least-once, with the same redelivery and dead-letter
 * behaviour as the Pub/Sub adapter. Streams are trimmed only below what every group has
 * acknowledged ({@link StreamTrimmer}).
 */
public final class RedisStreamEventBus implements EventPublisher, EventSubscriber, AutoCloseable {

    private final Vertx vertx;
    private final Redis redis;
    private final RedisStreamOptions options;
    private final EventMetrics metrics;
    private final boolean ownsClient;
    private final PipelinedSender publishes;
    private final Set<StreamConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final StreamTrimmer trimmer;
    private final long trimTimer;

    /** Uses a Redis client owned by the caller (in Quarkus, the injected one). */
    public RedisStreamEventBus(Vertx vertx, Redis redis, RedisStreamOptions options) {
        this(vertx, redis, options, false);
    }

    private RedisStreamEventBus(Vertx vertx, Redis redis, RedisStreamOptions options, boolean ownsClient) {
        this.vertx = vertx;
        this.redis = redis;
        this.options = options;
        this.metrics = EventMetrics.global();
        this.ownsClient = ownsClient;
        this.publishes = new PipelinedSender(redis, vertx.getOrCreateContext());
        this.trimmer = new StreamTrimmer(redis, options.maxLength());
        this.trimTimer = vertx.setPeriodic(options.trimInterval().toMillis(), id -> trimmer.trimAll().subscribe().with(x -> {}));
    }

    /** A bus with a Vert.x instance and Redis client of its own, closed with it. */
    public static RedisStreamEventBus create(String redisUri) {
        return create(redisUri, RedisStreamOptions.defaults());
    }

    public static RedisStreamEventBus create(String redisUri, RedisStreamOptions options) {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, clientOptions(redisUri));
        return new RedisStreamEventBus(vertx, redis, options, true);
    }

    /** Client settings fit for the bus: a pool deep enough for bursts of publishes. */
    public static RedisOptions clientOptions(String redisUri) {
        return new RedisOptions()
                .setConnectionString(redisUri)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                .setMaxPoolSize(16)
                .setMaxPoolWaiting(4096)
                .setMaxWaitingHandlers(8192);
    }

    @Override
    public Uni<Void> publish(String topic, Envelope envelope) {
        trimmer.watch(topic);
        return CallerContext.resumeOnCaller(publishes.send(
                        StreamCommands.append(StreamKeys.of(topic), envelope.attributes(), envelope.payload()))
                .invoke(id -> metrics.published(topic))
                .replaceWithVoid());
    }

    /** Blocks until the consumer group exists; call it at start-up, not on an event loop. */
    @Override
    public Subscription subscribe(SubscriptionSpec spec, MessageHandler handler) {
        StreamConsumer consumer = new StreamConsumer(vertx, redis, spec, handler, options, metrics);
        consumer.start();
        trimmer.watch(spec.topic());
        trimmer.watch(dev.shutter.events.DeadLetters.topicOf(spec.topic()));
        consumers.add(consumer);
        return () -> {
            consumers.remove(consumer);
            consumer.close();
        };
    }

    @Override
    public void close() {
        vertx.cancelTimer(trimTimer);
        consumers.forEach(StreamConsumer::close);
        consumers.clear();
        if (ownsClient) {
            redis.close();
            vertx.close().await().atMost(Duration.ofSeconds(10));
        }
    }
}
