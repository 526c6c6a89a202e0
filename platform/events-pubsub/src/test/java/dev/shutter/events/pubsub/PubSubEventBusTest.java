package dev.shutter.events.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.protobuf.util.Durations;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import dev.shutter.events.DeadLetters;
import dev.shutter.events.Delivery;
import dev.shutter.events.Envelope;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.pubsubfake.PubSubFake;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contract does not cover: configuration, provisioning, Pub/Sub's limits, metrics. */
class PubSubEventBusTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PubSubFake pubsub;
    private static ManagedChannel channel;
    private static SubscriptionAdminClient admin;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private String project;
    private PubSubEventBus bus;

    @BeforeAll
    static void startPubSub() throws IOException {
        pubsub = new PubSubFake().start();
        channel = ManagedChannelBuilder.forTarget(pubsub.host()).usePlaintext().build();
        admin = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    }

    @AfterAll
    static void stopPubSub() throws InterruptedException {
        admin.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        pubsub.stop();
    }

    @BeforeEach
    void newBus() {
        project = "test-" + UUID.randomUUID().toString().substring(0, 8);
        bus = new PubSubEventBus(PubSubConfig.emulator(project, pubsub.host()), new EventMetrics(meters));
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void explicitEmulatorHostWinsOverTheEnvironmentVariable() {
        Map<String, String> env = Map.of(PubSubConfig.EMULATOR_HOST_ENV, "from-env:8085");

        assertThat(new PubSubConfig("p", "explicit:1", true).resolvedEmulatorHost(env::get)).contains("explicit:1");
        assertThat(new PubSubConfig("p", " ", true).resolvedEmulatorHost(env::get)).contains("from-env:8085");
        assertThat(PubSubConfig.cloud("p").resolvedEmulatorHost(Map.<String, String>of()::get)).isEmpty();
        assertThatThrownBy(() -> PubSubConfig.cloud(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscribingCreatesTheSubscriptionWithinPubSubLimitsAndOneKeepingItsDeadLetters() {
        SubscriptionSpec spec = SubscriptionSpec.of("photos", "thumbnailer")
                .withAckDeadline(Duration.ofSeconds(2))
                .withMaxDeliveries(3)
                .withRetryBackoff(Duration.ofMillis(250));

        bus.subscribe(spec, d -> Uni.createFrom().voidItem());

        Subscription created = admin.getSubscription(SubscriptionName.format(project, "thumbnailer"));
        assertThat(created.getTopic()).isEqualTo(TopicName.format(project, "photos"));
        assertThat(created.getAckDeadlineSeconds()).isEqualTo(10);
        assertThat(created.getDeadLetterPolicy().getDeadLetterTopic()).isEqualTo(TopicName.format(project, "photos.dead-letter"));
        assertThat(created.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(5);
        assertThat(Durations.toMillis(created.getRetryPolicy().getMinimumBackoff())).isEqualTo(250);
        Subscription deadLetters = admin.getSubscription(SubscriptionName.format(project, "thumbnailer.dead-letter"));
        assertThat(deadLetters.getTopic()).isEqualTo(TopicName.format(project, "photos.dead-letter"));
    }

    @Test
    void aSubscriptionNameTakenOnAnotherTopicIsRefused() {
        bus.subscribe(SubscriptionSpec.of("photos", "indexer"), d -> Uni.createFrom().voidItem());

        assertThatThrownBy(() -> bus.subscribe(SubscriptionSpec.of("videos", "indexer"), d -> Uni.createFrom().voidItem()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exists on topic " + TopicName.format(project, "photos"));
    }

    @Test
    void deadLettersItselfOnTheLastDeliveryEvenBelowPubSubsMinimumOfFive() {
        SubscriptionSpec spec = SubscriptionSpec.of("orders", "billing")
                .withMaxDeliveries(2)
                .withRetryBackoff(Duration.ofMillis(50));
        List<Delivery> attempts = new CopyOnWriteArrayList<>();
        List<Delivery> deadLetters = new CopyOnWriteArrayList<>();
        bus.subscribe(spec, d -> {
            attempts.add(d);
            return Uni.createFrom().failure(new IllegalStateException("card declined"));
        });
        bus.subscribe(spec.deadLetters(), d -> {
            deadLetters.add(d);
            return Uni.createFrom().voidItem();
        });
        Envelope sent = new Envelope("ord-1", "order.placed", Instant.now(), "order-1", new byte[] {1, 2});

        bus.publish("orders", sent).await().atMost(WAIT);

        await().atMost(WAIT).until(() -> deadLetters.size() == 1);
        assertThat(attempts).extracting(Delivery::deliveryAttempt).containsExactly(1, 2);
        assertThat(attempts.getFirst().attributes()).isEqualTo(sent.attributes()); // no client-added attributes
        Map<String, String> expected = new java.util.HashMap<>(sent.attributes());
        expected.putAll(Map.of(DeadLetters.REASON, "card declined", DeadLetters.SOURCE_TOPIC, "orders",
                DeadLetters.SOURCE_SUBSCRIPTION, "billing", DeadLetters.DELIVERY_ATTEMPTS, "2"));
        assertThat(deadLetters.getFirst().attributes()).isEqualTo(expected);
        assertThat(deadLetters.getFirst().body()).containsExactly(1, 2);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("shutter.events.published")).isEqualTo(1);
            assertThat(count("shutter.events.retried")).isEqualTo(1);
            assertThat(count("shutter.events.dead_lettered")).isEqualTo(1);
            assertThat(count("shutter.events.acked")).isEqualTo(1); // the dead letter's subscriber
        });
    }

    @Test
    void publishingWithoutProvisioningFailsForAMissingTopic() {
        try (PubSubEventBus cloudLike = new PubSubEventBus(new PubSubConfig(project, pubsub.host(), false))) {
            Envelope event = new Envelope("e-1", "thing.happened", Instant.now(), "", new byte[0]);

            assertThatThrownBy(() -> cloudLike.publish("nowhere", event).await().atMost(WAIT))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    private double count(String meter) {
        return meters.find(meter).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
