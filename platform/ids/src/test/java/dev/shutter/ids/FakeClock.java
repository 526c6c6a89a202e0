package dev.shutter.ids;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it. It also counts reads, so a test can see a waiting generator polling it. */
final class FakeClock implements InstantSource {

    private final AtomicLong millis;
    private final AtomicLong reads = new AtomicLong();

    FakeClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public long millis() {
        reads.incrementAndGet();
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /** The current time, without counting as a read. */
    Instant now() {
        return Instant.ofEpochMilli(millis.get());
    }

    void advance(long ms) {
        millis.addAndGet(ms);
    }

    void back(long ms) {
        millis.addAndGet(-ms);
    }

    void set(Instant time) {
        millis.set(time.toEpochMilli());
    }

    long reads() {
        return reads.get();
    }
}
