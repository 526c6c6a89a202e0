package dev.shutter.events.pubsub;

import com.google.api.core.ApiService;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriberShutdownSettings;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.SubscriptionName;
import dev.shutter.events.DeadLetterException;
import dev.shutter.events.DeadLetters;
import dev.shutter.events.Delivery;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.MessageHandler;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/** One running subscription: a streaming-pull Subscriber feeding the handler. */
final class PubSubSubscription implements Subscription {

    private static final Logger LOG = Logger.getLogger(PubSubSubscription.class);
    /** Attributes the client library adds on receipt (googclient_deliveryattempt); not the sender's. */
    private static final String CLIENT_ATTRIBUTE_PREFIX = "googclient_";
    /** The client keeps this much of its shutdown timeout to send the final nacks. */
    private static final Duration CLIENT_FINAL_NACK_TIME = Duration.ofSeconds(1);
    /** Messages held per handler slot, and at least the client's own default of 1,000. */
    private static final int PREFETCH_PER_HANDLER = 10;
    private static final int MIN_PREFETCH = 1_000;

    private final PubSubEventBus bus;
    private final SubscriptionSpec spec;
    private final MessageHandler handler;
    private final EventMetrics metrics;
    private final int maxDeliveries;
    private final Subscriber subscriber;
    private final HandlerQueue handlers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean stopped;

    PubSubSubscription(PubSubEventBus bus, SubscriptionSpec spec, MessageHandler handler, EventMetrics metrics) {
        this.bus = bus;
        this.spec = spec;
        this.handler = handler;
        this.metrics = metrics;
        this.maxDeliveries = Provisioner.maxDeliveries(spec);
        int deadline = Provisioner.ackDeadlineSeconds(spec);
        this.handlers = new HandlerQueue(spec.concurrency(), Executors.newVirtualThreadPerTaskExecutor());
        long prefetch = Math.max(MIN_PREFETCH, (long) spec.concurrency() * PREFETCH_PER_HANDLER);
        this.subscriber = bus.connect(Subscriber.newBuilder(SubscriptionName.format(bus.projectId(), spec.name()), this::receive))
                .setFlowControlSettings(FlowControlSettings.newBuilder()
                        .setMaxOutstandingElementCount(prefetch)
                        .setMaxOutstandingRequestBytes(100L * 1024 * 1024)
                        .build())
                // Leases last the ack deadline: the stream's deadline and every modack are in
                // [deadline, deadline + 1] s (the client wants min < max).
                .setMaxDurationPerAckExtensionDuration(Duration.ofSeconds(deadline + 1))
                .setMinDurationPerAckExtensionDuration(Duration.ofSeconds(deadline))
                .setMaxAckExtensionPeriodDuration(spec.maxLeaseExtension())
                .setParallelPullCount(1)
                .setSubscriberShutdownSettings(SubscriberShutdownSettings.newBuilder()
                        .setMode(SubscriberShutdownSettings.ShutdownMode.WAIT_FOR_PROCESSING)
                        .setTimeout(spec.shutdownGrace().plus(CLIENT_FINAL_NACK_TIME))
                        .build())
                .build();
    }

    void start() {
        subscriber.addListener(new ApiService.Listener() {
            @Override
            public void failed(ApiService.State from, Throwable failure) {
                LOG.errorf(failure, "Pub/Sub subscription %s on topic %s stopped receiving", spec.name(), spec.topic());
            }
        }, Runnable::run);
        try {
            subscriber.startAsync().awaitRunning();
        } catch (IllegalStateException e) {
            bus.forget(this);
            throw new IllegalStateException("Pub/Sub subscription " + spec.name() + " on topic " + spec.topic()
                    + " could not start", e);
        }
        LOG.infof("Receiving Pub/Sub subscription %s on topic %s (%d at once)", spec.name(), spec.topic(), spec.concurrency());
    }

    /**
     * Stops pulling, lets handlers in flight finish within the shutdown grace, and nacks the rest
     * so that another consumer gets them at once (done by the client library's shutdown).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        Duration limit = spec.shutdownGrace().plus(CLIENT_FINAL_NACK_TIME).plusSeconds(10);
        try {
            subscriber.stopAsync().awaitTerminated(limit.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Stopped Pub/Sub subscription %s on topic %s", spec.name(), spec.topic());
        } catch (TimeoutException e) {
            LOG.warnf("Pub/Sub subscription %s on topic %s did not stop within %s; unacknowledged messages come back after their ack deadline",
                    spec.name(), spec.topic(), limit);
        } catch (IllegalStateException e) {
            LOG.warnf(e, "Pub/Sub subscription %s on topic %s had failed", spec.name(), spec.topic());
        } finally {
            stopped = true;
            bus.forget(this);
        }
    }

    private void receive(PubsubMessage message, AckReplyConsumer reply) {
        if (stopping) {
            reply.nack(); // closing: leave it to the next consumer
            return;
        }
        Integer attempt = Subscriber.getDeliveryAttempt(message);
        Delivery delivery = new Delivery(message.getMessageId(), senderAttributes(message),
                message.getData().toByteArray(), attempt == null ? 1 : attempt);
        handlers.run(() -> handler.handle(delivery))
                .subscribe().with(
                        ignored -> {
                            reply.ack();
                            metrics.acked(spec);
                        },
                        failure -> failed(delivery, message, reply, unwrap(failure)));
    }

    private void failed(Delivery delivery, PubsubMessage message, AckReplyConsumer reply, Throwable failure) {
        if (stopped) {
            // Already released for redelivery when the subscription closed: not dead-lettered twice.
            LOG.debugf("Message %s failed after subscription %s closed: %s", delivery.messageId(), spec.name(),
                    DeadLetters.reason(failure));
            return;
        }
        if (failure instanceof DeadLetterException) {
            deadLetter(delivery, message, reply, DeadLetters.reason(failure));
        } else if (delivery.deliveryAttempt() >= maxDeliveries) {
            LOG.debugf(failure, "Last delivery of message %s failed", delivery.messageId());
            deadLetter(delivery, message, reply, DeadLetters.reason(failure));
        } else {
            LOG.warnf("Handling message %s from subscription %s on topic %s failed (delivery %d of %d), it will be redelivered: %s",
                    delivery.messageId(), spec.name(), spec.topic(), delivery.deliveryAttempt(), maxDeliveries,
                    DeadLetters.reason(failure));
            LOG.debugf(failure, "Failure of message %s", delivery.messageId());
            reply.nack();
            metrics.retried(spec);
        }
    }

    /** Publishes the message with the reason to the dead-letter topic, then acknowledges it. */
    private void deadLetter(Delivery delivery, PubsubMessage message, AckReplyConsumer reply, String reason) {
        String topic = DeadLetters.topicOf(spec.topic());
        PubsubMessage deadLetter = PubsubMessage.newBuilder()
                .setData(message.getData())
                .putAllAttributes(delivery.attributes())
                .putAttributes(DeadLetters.REASON, reason)
                .putAttributes(DeadLetters.SOURCE_TOPIC, spec.topic())
                .putAttributes(DeadLetters.SOURCE_SUBSCRIPTION, spec.name())
                .putAttributes(DeadLetters.DELIVERY_ATTEMPTS, Integer.toString(delivery.deliveryAttempt()))
                .build();
        bus.send(topic, deadLetter).subscribe().with(
                id -> {
                    reply.ack();
                    metrics.deadLettered(spec);
                    LOG.warnf("Dead-lettered message %s from subscription %s on topic %s to %s after %d deliveries: %s",
                            delivery.messageId(), spec.name(), spec.topic(), topic, delivery.deliveryAttempt(), reason);
                },
                failure -> {
                    LOG.errorf(failure, "Could not dead-letter message %s from subscription %s to %s; it will be redelivered",
                            delivery.messageId(), spec.name(), topic);
                    reply.nack();
                    metrics.retried(spec);
                });
    }

    private static Map<String, String> senderAttributes(PubsubMessage message) {
        Map<String, String> attributes = new HashMap<>(message.getAttributesMap());
        attributes.keySet().removeIf(key -> key.startsWith(CLIENT_ATTRIBUTE_PREFIX));
        return attributes;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
