package dev.shutter.events.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import dev.shutter.events.CallerContext;
import dev.shutter.events.Envelope;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.EventPublisher;
import dev.shutter.events.EventSubscriber;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The events port on Google Cloud Pub/Sub. Envelope metadata travel as message attributes and the
 * payload as the message data. Publishing uses one batching {@link Publisher} per topic;
 * subscribing runs a streaming-pull {@link Subscriber} per subscription, which acknowledges,
 * retries (nack, then Pub/Sub's retry policy waits the backoff) and dead-letters as {@link
 * EventSubscriber} requires.
 */
public final class PubSubEventBus implements EventPublisher, EventSubscriber, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PubSubEventBus.class);

    private final PubSubConfig config;
    private final EventMetrics metrics;
    private final ManagedChannel emulatorChannel;
    private final ScheduledExecutorService executor;
    private final Provisioner provisioner;
    private final ConcurrentMap<String, CompletableFuture<Publisher>> publishers = new ConcurrentHashMap<>();
    private final Set<PubSubSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public PubSubEventBus(PubSubConfig config) {
        this(config, EventMetrics.global());
    }

    public PubSubEventBus(PubSubConfig config, EventMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.emulatorChannel = config.resolvedEmulatorHost()
                .map(host -> ManagedChannelBuilder.forTarget(host).usePlaintext().build())
                .orElse(null);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors()), r -> {
            Thread thread = new Thread(r, "pubsub-publisher-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.provisioner = config.provision() ? newProvisioner() : null;
        LOG.infof("Pub/Sub events for project %s on %s%s", config.projectId(),
                emulatorChannel == null ? "Google Cloud" : "emulator " + config.resolvedEmulatorHost().orElseThrow(),
                config.provision() ? ", creating missing topics and subscriptions" : "");
    }

    @Override
    public Uni<Void> publish(String topic, Envelope envelope) {
        PubsubMessage message = PubsubMessage.newBuilder()
                .putAllAttributes(envelope.attributes())
                .setData(ByteString.copyFrom(envelope.payload()))
                .build();
        return CallerContext.resumeOnCaller(send(topic, message).invoke(() -> metrics.published(topic)).replaceWithVoid());
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, MessageHandler handler) {
        if (closed) {
            throw new IllegalStateException("Pub/Sub event bus is closed");
        }
        if (provisioner != null) {
            provisioner.provision(spec);
        }
        PubSubSubscription subscription = new PubSubSubscription(this, spec, handler, metrics);
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    /** Closes the subscriptions (each within its shutdown grace), then flushes the publishers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List.copyOf(subscriptions).forEach(PubSubSubscription::close);
        for (CompletableFuture<Publisher> pending : publishers.values()) {
            Publisher publisher = pending.getNow(null);
            if (publisher != null) {
                publisher.shutdown();
                try {
                    publisher.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (provisioner != null) {
            provisioner.close();
        }
        if (emulatorChannel != null) {
            emulatorChannel.shutdownNow();
        }
        executor.shutdown();
        LOG.infof("Pub/Sub events for project %s closed", config.projectId());
    }

    /** Publishes a message, completing with its ID on the publishers' executor. */
    Uni<String> send(String topic, PubsubMessage message) {
        return Uni.createFrom().completionStage(() -> {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("Pub/Sub event bus is closed"));
            }
            return publisher(topic).thenCompose(publisher -> completion(publisher.publish(message)));
        });
    }

    void forget(PubSubSubscription subscription) {
        subscriptions.remove(subscription);
    }

    String projectId() {
        return config.projectId();
    }

    /** The Subscriber settings this bus's connection needs: emulator channel, no credentials. */
    Subscriber.Builder connect(Subscriber.Builder builder) {
        return emulatorChannel == null ? builder : builder.setChannelProvider(channels()).setCredentialsProvider(noCredentials());
    }

    private CompletableFuture<Publisher> publisher(String topic) {
        return publishers.computeIfAbsent(topic, t -> {
            CompletableFuture<Void> exists = provisioner == null
                    ? CompletableFuture.completedFuture(null)
                    : provisioner.ensureTopicAsync(t, executor);
            CompletableFuture<Publisher> created = exists.thenApplyAsync(ignored -> newPublisher(t), executor);
            created.whenCompleteAsync((p, failure) -> {
                if (failure != null) {
                    LOG.errorf(failure, "No Pub/Sub publisher for topic %s; the next publish tries again", t);
                    publishers.remove(t, created);
                }
            }, executor);
            return created;
        });
    }

    private Publisher newPublisher(String topic) {
        Publisher.Builder builder = Publisher.newBuilder(TopicName.format(config.projectId(), topic))
                .setExecutorProvider(FixedExecutorProvider.create(executor));
        if (emulatorChannel != null) {
            builder.setChannelProvider(channels()).setCredentialsProvider(noCredentials());
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Pub/Sub publisher for topic " + topic, e);
        }
    }

    private <T> CompletableFuture<T> completion(ApiFuture<T> future) {
        CompletableFuture<T> completion = new CompletableFuture<>();
        ApiFutures.addCallback(future, new ApiFutureCallback<>() {
            @Override
            public void onSuccess(T result) {
                completion.complete(result);
            }

            @Override
            public void onFailure(Throwable failure) {
                completion.completeExceptionally(failure);
            }
        }, executor);
        return completion;
    }

    private Provisioner newProvisioner() {
        try {
            TopicAdminSettings.Builder topics = TopicAdminSettings.newBuilder();
            SubscriptionAdminSettings.Builder subscriptions = SubscriptionAdminSettings.newBuilder();
            if (emulatorChannel != null) {
                topics.setTransportChannelProvider(channels()).setCredentialsProvider(noCredentials());
                subscriptions.setTransportChannelProvider(channels()).setCredentialsProvider(noCredentials());
            }
            return new Provisioner(config.projectId(), TopicAdminClient.create(topics.build()),
                    SubscriptionAdminClient.create(subscriptions.build()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Pub/Sub admin clients", e);
        }
    }

    private TransportChannelProvider channels() {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(emulatorChannel));
    }

    private static CredentialsProvider noCredentials() {
        return NoCredentialsProvider.create();
    }
}
