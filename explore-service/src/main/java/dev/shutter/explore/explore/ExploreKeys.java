package dev.shutter.explore.explore;

/** explore-service's own Redis keys (the shared ones are in platform's {@code SharedRedisKeys}). */
public final class ExploreKeys {

    private ExploreKeys() {}

    /** {@code explore:{userId}}: the user's frozen ranked list (post IDs, best first, and its source). */
    public static String rankedList(long userId) {
        return "explore:" + userId;
    }

    /** The user's recent engagements (post IDs, newest first): the user tower's history. */
    public static String history(long userId) {
        return "explore:history:" + userId;
    }

    /** Who engaged with the post (user IDs): so that a deleted post leaves every history it is in. */
    public static String engagers(long postId) {
        return "explore:engagers:" + postId;
    }

    /** The user's embedding: model version, then the vector. */
    public static String userEmbedding(long userId) {
        return "explore:user-embedding:" + userId;
    }
}
