package dev.shutter.events.redis;

import dev.shutter.events.EventBusContractTest;
import dev.shutter.events.EventPublisher;
import dev.shutter.events.EventSubscriber;
import dev.shutter.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisStreamEventBusContractTest extends EventBusContractTest {

    private static RedisStreamEventBus bus;

    @BeforeAll
    static void connect() {
        bus = RedisStreamEventBus.create(TestRedis.shared().uri());
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @Override
    protected EventPublisher publisher() {
        return bus;
    }

    @Override
    protected EventSubscriber subscriber() {
        return bus;
    }

    @Override
    protected Duration shortAckDeadline() {
        return Duration.ofSeconds(1);
    }
}
