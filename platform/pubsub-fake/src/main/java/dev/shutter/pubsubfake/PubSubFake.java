package dev.shutter.pubsubfake;

import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Topic;
import dev.shutter.pubsubfake.SubscriptionState.DeadLetter;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process Google Pub/Sub: a gRPC server on 127.0.0.1 and a free port speaking enough of
 * the Pub/Sub v1 API for the real client library. Point the client at {@link #host()} as at the
 * emulator (plaintext channel, no credentials, or {@code PUBSUB_EMULATOR_HOST}).
 *
 * <pre>{@code
 * try (PubSubFake pubsub = new PubSubFake().start()) {
 *     String host = pubsub.host(); // "127.0.0.1:port"
 * }
 * }</pre>
 */
public final class PubSubFake implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PubSubFake.class.getName());
    private static final long TICK_MILLIS = 20;

    final ConcurrentMap<String, Topic> topics = new ConcurrentHashMap<>();
    final ConcurrentMap<String, SubscriptionState> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pubsub-fake-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Server server;

    private volatile boolean started;

    public PubSubFake() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new PublisherService(this))
                .addService(new SubscriberService(this))
                .build();
    }

    /** Starts serving on a free port of 127.0.0.1; a second call does nothing. */
    public synchronized PubSubFake start() {
        if (started) {
            return this;
        }
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Pub/Sub fake could not start", e);
        }
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        started = true;
        LOG.log(System.Logger.Level.INFO, "Pub/Sub fake listening on {0}", host());
        return this;
    }

    /** Where the fake listens, {@code 127.0.0.1:port}: a value for {@code PUBSUB_EMULATOR_HOST}. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.getPort();
    }

    /** Stops the server, ending open streams; the fake's topics and messages are gone. */
    public void stop() {
        timer.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stamps the messages with IDs and the publish time and hands them to every subscription of
     * the topic; with none, they are dropped, as in Pub/Sub.
     */
    List<String> publish(String topic, List<PubsubMessage> messages) {
        Instant now = Instant.now();
        Timestamp publishTime = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
        List<String> ids = new ArrayList<>(messages.size());
        List<PubsubMessage> stamped = new ArrayList<>(messages.size());
        for (PubsubMessage message : messages) {
            String id = Long.toString(messageIds.incrementAndGet());
            ids.add(id);
            stamped.add(message.toBuilder().setMessageId(id).setPublishTime(publishTime).build());
        }
        for (SubscriptionState subscription : subscriptions.values()) {
            if (subscription.config().getTopic().equals(topic)) {
                subscription.enqueue(stamped);
            }
        }
        return ids;
    }

    /** Publishes dead letters; called without any subscription's lock held. */
    void forward(List<DeadLetter> deadLetters) {
        for (DeadLetter deadLetter : deadLetters) {
            if (topics.containsKey(deadLetter.topic())) {
                publish(deadLetter.topic(), List.of(deadLetter.message()));
            } else {
                LOG.log(System.Logger.Level.WARNING, "Dead-letter topic {0} does not exist; message {1} dropped",
                        deadLetter.topic(), deadLetter.message().getMessageId());
            }
        }
    }

    private void tick() {
        try {
            for (SubscriptionState subscription : subscriptions.values()) {
                forward(subscription.tick());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Pub/Sub fake timer failed", e);
        }
    }
}
