package dev.shutter.ids;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for real waiting. Each pause moves the fake clock forward 1 ms and records what the
 * generator asked for. That makes waits deterministic and countable, and no test sleeps.
 */
final class ClockAdvancingPause implements IdGenerator.Pause {

    private final FakeClock clock;
    private final List<Long> requests = new CopyOnWriteArrayList<>();

    ClockAdvancingPause(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void await(long millis) {
        requests.add(millis);
        clock.advance(1);
    }

    /** The {@code millis} argument of every pause so far, in order. */
    List<Long> requests() {
        return requests;
    }
}
