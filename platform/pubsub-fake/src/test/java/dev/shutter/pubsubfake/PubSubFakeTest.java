package dev.shutter.pubsubfake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake against the real Google client library. */
class PubSubFakeTest {

    private static final String PROJECT = "fake-project";

    private static PubSubFake pubsub;
    private static ManagedChannel channel;
    private static TransportChannelProvider channels;
    private static TopicAdminClient topics;
    private static SubscriptionAdminClient subscriptions;

    private final List<Publisher> publishers = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void startFake() throws IOException {
        pubsub = new PubSubFake().start();
        channel = ManagedChannelBuilder.forTarget(pubsub.host()).usePlaintext().build();
        channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create()).build());
        subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create()).build());
    }

    @AfterAll
    static void stopFake() throws InterruptedException {
        topics.close();
        subscriptions.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        pubsub.stop();
    }

    @BeforeEach
    void newTopic() {
        topic = topicName("t-" + UUID.randomUUID());
        topics.createTopic(topic);
    }

    @AfterEach
    void stopClients() throws InterruptedException {
        for (Subscriber subscriber : subscribers) {
            subscriber.stopAsync().awaitTerminated();
        }
        for (Publisher publisher : publishers) {
            publisher.shutdown();
            publisher.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersAdminCallsWithPubSubStatuses() {
        assertThat(topics.getTopic(topic).getName()).isEqualTo(topic);
        assertThatThrownBy(() -> topics.createTopic(topic)).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> topics.getTopic(topicName("missing"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> subscriptions.createSubscription(subscription("s-" + UUID.randomUUID(), topicName("missing"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> subscriptions.createSubscription(subscription("s-" + UUID.randomUUID(), topic)
                        .toBuilder().setAckDeadlineSeconds(5).build()))
                .isInstanceOf(InvalidArgumentException.class);

        Subscription created = subscriptions.createSubscription(subscription("s-" + UUID.randomUUID(), topic));
        assertThat(created.getAckDeadlineSeconds()).isEqualTo(10);
        assertThat(subscriptions.getSubscription(created.getName())).isEqualTo(created);
        assertThatThrownBy(() -> subscriptions.createSubscription(created)).isInstanceOf(AlreadyExistsException.class);
        subscriptions.deleteSubscription(created.getName());
        assertThatThrownBy(() -> subscriptions.getSubscription(created.getName())).isInstanceOf(NotFoundException.class);

        Subscription orphan = subscriptions.createSubscription(subscription("s-" + UUID.randomUUID(), topic));
        topics.deleteTopic(topic);
        assertThatThrownBy(() -> topics.deleteTopic(topic)).isInstanceOf(NotFoundException.class);
        assertThat(subscriptions.getSubscription(orphan.getName()).getTopic()).isEqualTo("_deleted-topic_");
    }

    @Test
    void deliversPublishedMessagesToASubscriberAndDropsThoseWithoutSubscription() throws Exception {
        publish(topic, "before any subscription");
        Subscription subscription = subscriptions.createSubscription(subscription("s-" + UUID.randomUUID(), topic));
        List<PubsubMessage> received = new CopyOnWriteArrayList<>();
        subscribe(subscription.getName(), received, 0);

        String id = publish(topic, "hello");

        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> received.size() == 1);
        PubsubMessage message = received.getFirst();
        assertThat(message.getMessageId()).isEqualTo(id);
        assertThat(message.getData().toStringUtf8()).isEqualTo("hello");
        assertThat(message.getAttributesMap()).containsEntry("origin", "test");
        assertThat(message.getPublishTime().getSeconds()).isPositive();
        assertThat(Subscriber.getDeliveryAttempt(message)).isNull(); // no dead-letter policy
    }

    @Test
    void nackedMessageComesBackWithTheNextDeliveryAttempt() throws Exception {
        Subscription subscription = subscriptions.createSubscription(withDeadLetters(
                subscription("s-" + UUID.randomUUID(), topic), createdTopic("dlt-" + UUID.randomUUID())));
        List<PubsubMessage> received = new CopyOnWriteArrayList<>();
        subscribe(subscription.getName(), received, 1);

        publish(topic, "retry me");

        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> received.size() == 2);
        assertThat(received).extracting(Subscriber::getDeliveryAttempt).containsExactly(1, 2);
        assertThat(received.get(1).getMessageId()).isEqualTo(received.get(0).getMessageId());
    }

    @Test
    void forwardsAMessageToTheDeadLetterTopicAfterMaxDeliveryAttempts() throws Exception {
        String deadLetterTopic = createdTopic("dlt-" + UUID.randomUUID());
        String name = "s-" + UUID.randomUUID();
        Subscription subscription = subscriptions.createSubscription(withDeadLetters(subscription(name, topic), deadLetterTopic));
        Subscription deadLetters = subscriptions.createSubscription(subscription("dl-" + UUID.randomUUID(), deadLetterTopic));
        List<PubsubMessage> attempts = new CopyOnWriteArrayList<>();
        List<PubsubMessage> dead = new CopyOnWriteArrayList<>();
        subscribe(subscription.getName(), attempts, Integer.MAX_VALUE);
        subscribe(deadLetters.getName(), dead, 0);

        publish(topic, "doomed");

        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> dead.size() == 1);
        assertThat(attempts).extracting(Subscriber::getDeliveryAttempt).containsExactly(1, 2, 3, 4, 5);
        assertThat(dead.getFirst().getData().toStringUtf8()).isEqualTo("doomed");
        assertThat(dead.getFirst().getAttributesMap())
                .containsEntry("origin", "test")
                .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount", "5")
                .containsEntry("CloudPubSubDeadLetterSourceSubscription", name)
                .containsEntry("CloudPubSubDeadLetterSourceSubscriptionProject", PROJECT);
    }

    @Test
    void givesEachDeliveryAFreshAckIdAndIgnoresStaleOnes() {
        // No retry policy: a nacked message is deliverable again at once.
        Subscription subscription = subscriptions.createSubscription(withDeadLetters(
                subscription("s-" + UUID.randomUUID(), topic), createdTopic("dlt-" + UUID.randomUUID()))
                .toBuilder().clearRetryPolicy().build());
        publishNow(topic, "pulled");

        ReceivedMessage first = subscriptions.pull(subscription.getName(), 10).getReceivedMessages(0);
        subscriptions.modifyAckDeadline(subscription.getName(), List.of(first.getAckId()), 0);
        ReceivedMessage second = subscriptions.pull(subscription.getName(), 10).getReceivedMessages(0);
        subscriptions.acknowledge(subscription.getName(), List.of(first.getAckId()));
        subscriptions.modifyAckDeadline(subscription.getName(), List.of(second.getAckId()), 0);
        ReceivedMessage third = subscriptions.pull(subscription.getName(), 10).getReceivedMessages(0);
        subscriptions.acknowledge(subscription.getName(), List.of(third.getAckId()));

        assertThat(List.of(first.getAckId(), second.getAckId(), third.getAckId())).doesNotHaveDuplicates();
        assertThat(List.of(first, second, third)).extracting(ReceivedMessage::getDeliveryAttempt).containsExactly(1, 2, 3);
        assertThat(subscriptions.pull(subscription.getName(), 10).getReceivedMessagesList()).isEmpty();
    }

    /** Subscribes, nacking each message's first {@code nacks} deliveries and acking the rest. */
    private void subscribe(String subscription, List<PubsubMessage> received, int nacks) {
        MessageReceiver receiver = (message, reply) -> {
            received.add(message);
            Integer attempt = Subscriber.getDeliveryAttempt(message);
            if (attempt != null && attempt <= nacks) {
                reply.nack();
            } else {
                reply.ack();
            }
        };
        Subscriber subscriber = Subscriber.newBuilder(subscription, receiver)
                .setChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
        subscriber.startAsync().awaitRunning();
        subscribers.add(subscriber);
    }

    private String publish(String topic, String data) throws Exception {
        Publisher publisher = Publisher.newBuilder(topic)
                .setChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
        publishers.add(publisher);
        return publisher.publish(message(data)).get(30, TimeUnit.SECONDS);
    }

    private static void publishNow(String topic, String data) {
        topics.publish(topic, List.of(message(data)));
    }

    private static PubsubMessage message(String data) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(data)).putAttributes("origin", "test").build();
    }

    private static String createdTopic(String id) {
        return topics.createTopic(topicName(id)).getName();
    }

    private static String topicName(String id) {
        return "projects/" + PROJECT + "/topics/" + id;
    }

    private static Subscription subscription(String id, String topic) {
        return Subscription.newBuilder()
                .setName("projects/" + PROJECT + "/subscriptions/" + id)
                .setTopic(topic)
                .build();
    }

    private static Subscription withDeadLetters(Subscription subscription, String deadLetterTopic) {
        return subscription.toBuilder()
                .setDeadLetterPolicy(DeadLetterPolicy.newBuilder().setDeadLetterTopic(deadLetterTopic).setMaxDeliveryAttempts(5))
                .setRetryPolicy(RetryPolicy.newBuilder()
                        .setMinimumBackoff(Duration.newBuilder().setNanos(50_000_000))
                        .setMaximumBackoff(Duration.newBuilder().setNanos(50_000_000)))
                .build();
    }
}
