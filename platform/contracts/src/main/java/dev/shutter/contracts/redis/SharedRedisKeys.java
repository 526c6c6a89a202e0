package dev.shutter.contracts.redis;

/**
 * Redis keys that more than one service touches, each with its writer and its readers. Keys only
 * one service uses are that service's own (feed-service's {@code TimelineKeys}, for instance).
 */
public final class SharedRedisKeys {

    private SharedRedisKeys() {}

    /**
     * {@code engagement:{postId}}: the post's engagement score, a decimal number in [0, 1].
     * Written by explore-service; read by feed-service's ranking overlay (absent reads as 0).
     */
    public static String engagement(long postId) {
        return "engagement:" + postId;
    }
}
