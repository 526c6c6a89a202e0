package dev.shutter.events.redis;

import java.time.Duration;

/**
 * Settings of the Redis Streams adapter.
 *
 * @param maxLength approximate cap of each stream (XADD MAXLEN ~): bounds memory; an entry
 *     trimmed before it was handled is logged and dropped, so size it well above any backlog
 * @param readBlock how long one XREADGROUP waits for new entries before it asks again
 * @param reconnectDelay pause before a consumer reconnects after Redis failed
 */
public record RedisStreamOptions(long maxLength, Duration readBlock, Duration reconnectDelay) {

    public static RedisStreamOptions defaults() {
        return new RedisStreamOptions(1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    public RedisStreamOptions withMaxLength(long value) {
        return new RedisStreamOptions(value, readBlock, reconnectDelay);
    }
}
