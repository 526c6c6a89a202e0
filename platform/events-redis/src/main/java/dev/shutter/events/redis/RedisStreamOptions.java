package dev.shutter.events.redis;

import java.time.Duration;

/**
 * Settings of the Redis Streams adapter.
 *
 * @param maxLength the length a stream should stay under. Nothing a consumer group has not
 *     acknowledged is ever trimmed: streams are trimmed only below every group's oldest
 *     unacknowledged entry ({@link StreamTrimmer}), and a stream past {@value
 *     StreamTrimmer#ALERT_PERCENT}% of this length is reported (log and the {@code
 *     shutter.events.stream_length} gauge). A stream no group reads is cut to it.
 * @param readBlock how long one XREADGROUP waits for new entries before it asks again
 * @param reconnectDelay pause before a consumer reconnects after Redis failed
 * @param trimInterval how often the streams this bus touches are trimmed and measured
 */
public record RedisStreamOptions(long maxLength, Duration readBlock, Duration reconnectDelay, Duration trimInterval) {

    public static RedisStreamOptions defaults() {
        return new RedisStreamOptions(1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    public RedisStreamOptions withMaxLength(long value) {
        return new RedisStreamOptions(value, readBlock, reconnectDelay, trimInterval);
    }

    public RedisStreamOptions withTrimInterval(Duration value) {
        return new RedisStreamOptions(maxLength, readBlock, reconnectDelay, value);
    }
}
