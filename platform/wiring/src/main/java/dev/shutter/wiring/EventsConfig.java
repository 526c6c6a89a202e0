package dev.shutter.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where events go: Redis Streams (embedded default) or Google Pub/Sub. */
@ConfigMapping(prefix = "shutter.events")
public interface EventsConfig {

    enum Backend { REDIS, PUBSUB }

    @WithDefault("redis")
    Backend backend();

    /** Pub/Sub project; required with backend pubsub. */
    Optional<String> pubsubProject();

    /** host:port of a Pub/Sub emulator; PUBSUB_EMULATOR_HOST is honoured too. */
    Optional<String> pubsubEmulatorHost();

    /**
     * How long a subscription remembers an event it handled, so that a redelivery or a second
     * publish of it changes nothing: one key of about 100 bytes per event and subscription in
     * Redis (at 100 events/s and four subscriptions, about 150 MB for an hour).
     */
    @WithDefault("1h")
    java.time.Duration dedupWindow();

    /** Overrides every subscription's first retry wait (tests shorten it); unset, each subscription's own. */
    Optional<java.time.Duration> retryBackoff();

    /** Overrides every subscription's longest retry wait; unset, each subscription's own (at least retry-backoff). */
    Optional<java.time.Duration> maxRetryBackoff();
}
