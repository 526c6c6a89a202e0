package dev.shutter.ids;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock fell further behind the last issued ID than the generator's tolerance allows.
 * Waiting for the clock to catch up would stall every caller for that long. Issuing IDs from
 * the clock's time could repeat an ID. So the generator refuses instead.
 *
 * <p>The generator is left unchanged, and it recovers by itself: once the clock is back within
 * the tolerance, {@link IdGenerator#next(int)} works again. A caller may fail the request or
 * retry later.
 */
public class ClockMovedBackwardsException extends IllegalStateException {

    private final Instant lastIssuedAt;
    private final Instant clockReading;
    private final Duration tolerance;

    public ClockMovedBackwardsException(Instant lastIssuedAt, Instant clockReading, Duration tolerance) {
        super("Clock moved backwards by " + Duration.between(clockReading, lastIssuedAt).toMillis()
                + " ms (clock reads " + clockReading + ", last ID was issued at " + lastIssuedAt
                + "), more than the " + tolerance.toMillis() + " ms tolerance; refusing to issue IDs"
                + " that could repeat");
        this.lastIssuedAt = lastIssuedAt;
        this.clockReading = clockReading;
        this.tolerance = tolerance;
    }

    /** The timestamp of the last ID issued before the clock stepped back. */
    public Instant lastIssuedAt() {
        return lastIssuedAt;
    }

    /** What the clock read when the step back was detected. */
    public Instant clockReading() {
        return clockReading;
    }

    /** How far the clock is behind the last issued ID. */
    public Duration behind() {
        return Duration.between(clockReading, lastIssuedAt);
    }

    /** The largest step back the generator would have waited out. */
    public Duration tolerance() {
        return tolerance;
    }
}
