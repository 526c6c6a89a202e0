package dev.shutter.events.pubsub;

import dev.shutter.events.EventBusContractTest;
import dev.shutter.events.EventMetrics;
import dev.shutter.events.EventPublisher;
import dev.shutter.events.EventSubscriber;
import dev.shutter.pubsubfake.PubSubFake;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The events contract on Pub/Sub, against {@link PubSubFake}. Each test gets its own project:
 * Pub/Sub subscription names are unique per project, and every contract test names its
 * subscription "main" (on a topic of its own).
 */
class PubSubEventBusContractTest extends EventBusContractTest {

    private static PubSubFake pubsub;
    private PubSubEventBus bus;

    @BeforeAll
    static void startPubSub() {
        pubsub = new PubSubFake().start();
    }

    @AfterAll
    static void stopPubSub() {
        pubsub.stop();
    }

    @BeforeEach
    void newBus() {
        String project = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        bus = new PubSubEventBus(PubSubConfig.emulator(project, pubsub.host()), new EventMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void closeBus() {
        bus.close(); // closes the test's subscriptions first, as the contract's own cleanup would
    }

    @Override
    protected EventPublisher publisher() {
        return bus;
    }

    @Override
    protected EventSubscriber subscriber() {
        return bus;
    }

    /** Pub/Sub's shortest ack deadline. */
    @Override
    protected Duration shortAckDeadline() {
        return Duration.ofSeconds(10);
    }
}
