package dev.shutter.post.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox is relayed: how often, how parts are leased, how a failing event is retried. */
@ConfigMapping(prefix = "shutter.outbox")
public interface OutboxConfig {

    /** How often the relay looks for new events in the parts it owns. */
    @WithDefault("200ms")
    Duration interval();

    /** How long a part stays a relay's without renewal; another relay takes it over after that. */
    @WithDefault("10s")
    Duration lease();

    /** A failing event's first wait; each later one twice as long, up to {@link #maxRetryBackoff()}. */
    @WithDefault("1s")
    Duration retryBackoff();

    @WithDefault("30s")
    Duration maxRetryBackoff();

    /** Attempts before an event is dead-lettered (moved to {@code outbox_dead}): about 8 minutes of failures by default. */
    @WithDefault("20")
    int maxAttempts();
}
