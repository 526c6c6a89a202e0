package dev.shutter.events.redis;

import java.util.concurrent.atomic.AtomicInteger;

/** Handler slots of one consumer: reserved before a read or claim, so concurrency never overshoots. */
final class Slots {

    private final AtomicInteger free;

    Slots(int size) {
        free = new AtomicInteger(size);
    }

    /** Reserves as many as are free, up to {@code wanted}; may be 0. */
    int reserve(int wanted) {
        while (true) {
            int now = free.get();
            int taken = Math.min(now, wanted);
            if (taken == 0 || free.compareAndSet(now, now - taken)) {
                return taken;
            }
        }
    }

    void release(int count) {
        if (count > 0) {
            free.addAndGet(count);
        }
    }

    int free() {
        return free.get();
    }
}
