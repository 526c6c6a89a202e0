package dev.shutter.post.notification;

import java.util.Map;

/**
 * What must still hold in the source rows for an event to change a notification, checked inside
 * the statement that changes it: a like delivered again after its unlike, or a request event
 * replayed after the request was withdrawn, then changes nothing. Only constant SQL from here
 * goes into statements; values go as parameters.
 */
record SourceCheck(String sql, Map<String, Object> parameters) {

    static final SourceCheck NONE = new SourceCheck("TRUE", Map.of());

    static SourceCheck liked(long userId, long postId) {
        return new SourceCheck("EXISTS (SELECT 1 FROM likes WHERE user_id = :checkUser AND post_id = :checkPost)",
                Map.of("checkUser", userId, "checkPost", postId));
    }

    static SourceCheck notLiked(long userId, long postId) {
        return new SourceCheck("NOT EXISTS (SELECT 1 FROM likes WHERE user_id = :checkUser AND post_id = :checkPost)",
                Map.of("checkUser", userId, "checkPost", postId));
    }

    /** The follow edge is in this state now ({@code follows.state}). */
    static SourceCheck edge(long followerId, long followeeId, String state) {
        return new SourceCheck("""
                EXISTS (SELECT 1 FROM follows WHERE follower_id = :checkFollower AND followee_id = :checkFollowee
                        AND state = :checkState)""",
                Map.of("checkFollower", followerId, "checkFollowee", followeeId, "checkState", state));
    }

    /** There is no follow edge (neither approved nor pending) now. */
    static SourceCheck noEdge(long followerId, long followeeId) {
        return new SourceCheck("""
                NOT EXISTS (SELECT 1 FROM follows WHERE follower_id = :checkFollower AND followee_id = :checkFollowee)""",
                Map.of("checkFollower", followerId, "checkFollowee", followeeId));
    }

    /** The post is there and ready (a mention in its caption still stands). */
    static SourceCheck postReady(long postId) {
        return new SourceCheck("EXISTS (SELECT 1 FROM posts WHERE post_id = :checkPost AND status = 'ready')",
                Map.of("checkPost", postId));
    }

    /** The comment is there (not deleted since). */
    static SourceCheck commentExists(long postId, long commentId) {
        return new SourceCheck("EXISTS (SELECT 1 FROM comments WHERE post_id = :checkPost AND comment_id = :checkComment)",
                Map.of("checkPost", postId, "checkComment", commentId));
    }
}
