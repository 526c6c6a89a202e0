package dev.shutter.feed.timeline;

/** The Redis keys only the feed uses; keys other services touch are in contracts' {@code SharedRedisKeys}. */
public final class TimelineKeys {

    /**
     * A member every built timeline and celebrity list holds: it tells "built, and empty" from
     * "missing" (expired or never built), since Redis deletes an empty set. Post and user IDs are
     * never 0.
     */
    static final String BUILT = "0";

    private TimelineKeys() {}

    /**
     * Timelines are spread over this many hash-tag buckets: a bucket's timelines share a Redis
     * Cluster slot, so fan-out writes all of a bucket's followers with one script call instead of
     * one command per follower, while the buckets still spread over the cluster's nodes.
     */
    public static final int TIMELINE_BUCKETS = 256;

    /** {@code timeline:{t<bucket>}:<userId>}: the reader's home timeline. */
    public static String timeline(long userId) {
        return "timeline:{t" + timelineBucket(userId) + "}:" + userId;
    }

    public static int timelineBucket(long userId) {
        return (int) Math.floorMod(userId, (long) TIMELINE_BUCKETS);
    }

    public static String celebrities(long userId) {
        return "celebs:{" + userId + "}";
    }

    /** The approved followers of an author (with the built marker), kept near the feed for fan-out. */
    public static String followers(long authorId) {
        return "followers:{" + authorId + "}";
    }

    /** The newest follow change applied per followee of the reader ({@link FollowVersions}). */
    public static String followVersions(long userId) {
        return "follows:{" + userId + "}:versions";
    }

    /** The readers whose {@link #followVersions} name this account, so that its erasure can take it out of them. */
    public static String followVersionHolders(long followeeId) {
        return "follows:{" + followeeId + "}:versioned-by";
    }

    public static String snapshot(long userId, long snapshotId) {
        return "feed:snapshot:{" + userId + "}:" + snapshotId;
    }

    /** A SCAN pattern matching every snapshot of the reader. */
    public static String snapshotPattern(long userId) {
        return "feed:snapshot:{" + userId + "}:*";
    }
}
