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

    public static String engagement(long postId) {
        return "engagement:" + postId;
    }

    public static String snapshot(long userId, long snapshotId) {
        return "feed:snapshot:{" + userId + "}:" + snapshotId;
    }
}
