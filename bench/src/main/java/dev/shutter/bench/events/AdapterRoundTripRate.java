package dev.shutter.bench.events;

import dev.shutter.events.Envelope;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Publish → receive → acknowledge through the Redis Streams adapter, measured end to end. */
final class AdapterRoundTripRate {

    private static final int PUBLISHES_IN_FLIGHT = 1_000;

    private AdapterRoundTripRate() {}

    /** Messages per second from the first publish to the last acknowledgement. */
    static double measure(RedisStreamEventBus bus, String topic, int count, int concurrency, byte[] payload)
            throws InterruptedException {
        CountDownLatch handled = new CountDownLatch(count);
        AtomicLong failures = new AtomicLong();
        Subscription subscription = bus.subscribe(SubscriptionSpec.of(topic, "bench").withConcurrency(concurrency),
                delivery -> {
                    handled.countDown();
                    return Uni.createFrom().voidItem();
                });
        Semaphore window = new Semaphore(PUBLISHES_IN_FLIGHT);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquire();
            bus.publish(topic, new Envelope(Long.toString(i), "bench", Instant.now(), "", payload))
                    .subscribe().with(ok -> window.release(), failure -> {
                        failures.incrementAndGet();
                        window.release();
                    });
        }
        if (!handled.await(5, TimeUnit.MINUTES) || failures.get() > 0) {
            throw new IllegalStateException("lost messages: " + handled.getCount() + " unhandled, " + failures + " failed publishes");
        }
        // Closing waits for the last acknowledgements to be sent.
        subscription.close();
        return count / ((System.nanoTime() - start) / 1e9);
    }

}
