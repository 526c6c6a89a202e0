package dev.shutter.feed.timeline;

/** The Redis keys the feed owns. */
public final class TimelineKeys {

    /**
     * A member every built timeline and celebrity list holds: it tells "built, and empty" from
     * "missing" (expired or never built), since Redis deletes an empty set. Post and user IDs are
     * never 0.
     */
    static final String BUILT = "0";

    private TimelineKeys() {}

    public static String timeline(long userId) {
        return "timeline:{" + userId + "}";
    }

    public static String celebrities(long userId) {
        return "celebs:{" + userId + "}";
    }

    /** The approved followers of an author (with the built marker), kept near the feed for fan-out. */
    public static String followers(long authorId) {
        return "followers:{" + authorId + "}";
    }

    /** Shards of the readers' last read times ({@code userId mod ACTIVE_SHARDS}). */
    public static final int ACTIVE_SHARDS = 16;

    /** The sorted set holding the last read time (epoch ms) of the readers in this shard. */
    public static String activeShard(int shard) {
        return "feed:active:{" + shard + "}";
    }

    public static int activeShardOf(long userId) {
        return (int) Math.floorMod(userId, (long) ACTIVE_SHARDS);
    }

    public static String engagement(long postId) {
        return "engagement:" + postId;
    }

    public static String snapshot(long userId, long snapshotId) {
        return "feed:snapshot:{" + userId + "}:" + snapshotId;
    }
}
