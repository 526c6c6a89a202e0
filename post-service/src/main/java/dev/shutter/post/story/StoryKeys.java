package dev.shutter.post.story;

/**
 * Redis keys of stories. A story's own keys share its ID as hash tag (one cluster slot, so one
 * script may touch them together); an author's live set and a viewer's seen set are one key each.
 */
final class StoryKeys {

    private StoryKeys() {}

    /** Sorted set: the author's live story IDs, scored by expiry (epoch ms). */
    static String live(long authorId) {
        return "stories:live:" + authorId;
    }

    /** The story's {@link StoryCard} as JSON, expiring with the story. */
    static String card(long storyId) {
        return "story:{" + storyId + "}:card";
    }

    /** Sorted set: the newest viewers (user ID scored by first view, epoch ms), at most the configured number. */
    static String viewers(long storyId) {
        return "story:{" + storyId + "}:viewers";
    }

    /** HyperLogLog of every viewer: the count once the exact list is full. */
    static String viewerCount(long storyId) {
        return "story:{" + storyId + "}:viewer-count";
    }

    /** Present once the exact viewer list overflowed: the count is the estimate from then on. */
    static String trimmed(long storyId) {
        return "story:{" + storyId + "}:trimmed";
    }

    /** Sorted set: the stories a user has viewed, scored by their expiry (epoch ms), for seen rings and erasure. */
    static String seen(long viewerId) {
        return "stories:seen:" + viewerId;
    }

    /**
     * Present while the live index is whole. Written once it was built from the rows; gone with
     * the rest when Redis loses its data, which is how {@link StoryIndexRepair} knows to rebuild.
     */
    static String indexBuilt() {
        return "stories:live:built";
    }
}
