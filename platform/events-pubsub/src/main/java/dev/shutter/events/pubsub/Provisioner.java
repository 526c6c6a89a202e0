package dev.shutter.events.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.protobuf.Duration;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.TopicName;
import dev.shutter.events.DeadLetters;
import dev.shutter.events.SubscriptionSpec;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Creates the topics and subscriptions a {@link SubscriptionSpec} needs, and maps the spec onto
 * Pub/Sub's subscription settings within the limits Pub/Sub accepts.
 */
final class Provisioner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Provisioner.class);

    static final int MIN_ACK_DEADLINE_SECONDS = 10;
    static final int MAX_ACK_DEADLINE_SECONDS = 600;
    static final int MIN_DELIVERY_ATTEMPTS = 5;
    static final int MAX_DELIVERY_ATTEMPTS = 100;
    static final java.time.Duration MAX_BACKOFF = java.time.Duration.ofSeconds(600);

    private final String projectId;
    private final TopicAdminClient topics;
    private final SubscriptionAdminClient subscriptions;
    private final Set<String> existingTopics = ConcurrentHashMap.newKeySet();

    Provisioner(String projectId, TopicAdminClient topics, SubscriptionAdminClient subscriptions) {
        this.projectId = projectId;
        this.topics = topics;
        this.subscriptions = subscriptions;
    }

    /** Pub/Sub's ack deadline for a spec: whole seconds, 10 to 600. */
    static int ackDeadlineSeconds(SubscriptionSpec spec) {
        long seconds = spec.ackDeadline().plusNanos(999_999_999).getSeconds();
        return (int) Math.clamp(seconds, MIN_ACK_DEADLINE_SECONDS, MAX_ACK_DEADLINE_SECONDS);
    }

    /** The delivery that fails for the last time: Pub/Sub dead-letters after 100 at most. */
    static int maxDeliveries(SubscriptionSpec spec) {
        return Math.min(spec.maxDeliveries(), MAX_DELIVERY_ATTEMPTS);
    }

    /**
     * The subscription a spec describes. The dead-letter policy only backs up the adapter, which
     * dead-letters itself (with the reason) on the spec's last delivery: Pub/Sub forwards what a
     * crashed or hung consumer left behind. It accepts 5 to 100 attempts.
     */
    Subscription subscriptionOf(SubscriptionSpec spec) {
        // Pub/Sub's own exponential backoff between the two (its multiplier is not configurable).
        Duration minimum = backoff(spec.retryBackoff());
        Duration maximum = backoff(spec.maxRetryBackoff());
        return Subscription.newBuilder()
                .setName(SubscriptionName.format(projectId, spec.name()))
                .setTopic(TopicName.format(projectId, spec.topic()))
                .setAckDeadlineSeconds(ackDeadlineSeconds(spec))
                .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                        .setDeadLetterTopic(TopicName.format(projectId, DeadLetters.topicOf(spec.topic())))
                        .setMaxDeliveryAttempts(Math.clamp(spec.maxDeliveries(), MIN_DELIVERY_ATTEMPTS, MAX_DELIVERY_ATTEMPTS)))
                .setRetryPolicy(RetryPolicy.newBuilder().setMinimumBackoff(minimum).setMaximumBackoff(maximum))
                .build();
    }

    private static Duration backoff(java.time.Duration wanted) {
        java.time.Duration backoff = wanted.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wanted;
        return Duration.newBuilder().setSeconds(backoff.getSeconds()).setNanos(backoff.getNano()).build();
    }

    /**
     * Creates, where missing, the topic, its dead-letter topic, the subscription that keeps this
     * subscription's dead letters (created like any subscription, so its own failures are
     * dead-lettered in turn), and the subscription itself. Existing ones are left as they are.
     *
     * @throws IllegalStateException when the subscription exists on another topic
     */
    void provision(SubscriptionSpec spec) {
        SubscriptionSpec deadLetters = spec.deadLetters();
        ensureTopic(spec.topic());
        ensureTopic(deadLetters.topic());
        ensureTopic(DeadLetters.topicOf(deadLetters.topic()));
        ensureSubscription(deadLetters);
        ensureSubscription(spec);
    }

    /** Creates the topic unless it exists, without blocking. */
    CompletableFuture<Void> ensureTopicAsync(String topic, Executor executor) {
        if (existingTopics.contains(topic)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ApiFuture<Topic> created = topics.createTopicCallable()
                .futureCall(Topic.newBuilder().setName(TopicName.format(projectId, topic)).build());
        ApiFutures.addCallback(created, new ApiFutureCallback<>() {
            @Override
            public void onSuccess(Topic result) {
                LOG.infof("Created Pub/Sub topic %s", result.getName());
                existingTopics.add(topic);
                done.complete(null);
            }

            @Override
            public void onFailure(Throwable failure) {
                if (failure instanceof AlreadyExistsException) {
                    existingTopics.add(topic);
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            }
        }, executor);
        return done;
    }

    private void ensureTopic(String topic) {
        if (existingTopics.contains(topic)) {
            return;
        }
        try {
            topics.createTopic(TopicName.format(projectId, topic));
            LOG.infof("Created Pub/Sub topic %s in project %s", topic, projectId);
        } catch (AlreadyExistsException e) {
            LOG.debugf("Pub/Sub topic %s exists", topic);
        }
        existingTopics.add(topic);
    }

    private void ensureSubscription(SubscriptionSpec spec) {
        Subscription wanted = subscriptionOf(spec);
        try {
            subscriptions.createSubscription(wanted);
            LOG.infof("Created Pub/Sub subscription %s on topic %s (ack deadline %d s, %d deliveries, dead letters to %s)",
                    spec.name(), spec.topic(), wanted.getAckDeadlineSeconds(),
                    wanted.getDeadLetterPolicy().getMaxDeliveryAttempts(), DeadLetters.topicOf(spec.topic()));
        } catch (AlreadyExistsException e) {
            Subscription existing = subscriptions.getSubscription(wanted.getName());
            if (!existing.getTopic().equals(wanted.getTopic())) {
                throw new IllegalStateException("Pub/Sub subscription " + wanted.getName() + " exists on topic "
                        + existing.getTopic() + ", not on " + wanted.getTopic()
                        + ": subscription names are unique per project, so use another name");
            }
            LOG.debugf("Pub/Sub subscription %s on topic %s exists; its settings are left as they are", spec.name(), spec.topic());
        }
    }

    @Override
    public void close() {
        topics.close();
        subscriptions.close();
    }
}
