package dev.shutter.post.notification;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * One item of a recipient's list, named by what it gathers. The key is derived from the event
 * alone (a like's post and UTC day, a comment's ID...), so every delivery of an event, on any
 * instance, lands on the same row without reading first. Grouped kinds (likes of a post, follows)
 * gather a UTC day: "within a day" as fixed days, because a rolling window would need the
 * newest group read before every write.
 */
record NotificationGroup(long recipientId, String key, NotificationType type, Long postId, Long commentId) {

    static NotificationGroup like(long authorId, long postId, Instant at) {
        return new NotificationGroup(authorId, likePrefix(postId) + day(at), NotificationType.LIKE, postId, null);
    }

    /** The keys of every day's like group of a post start so. */
    static String likePrefix(long postId) {
        return "like:" + postId + ":";
    }

    static NotificationGroup comment(long authorId, long postId, long commentId) {
        return new NotificationGroup(authorId, "comment:" + commentId, NotificationType.COMMENT, postId, commentId);
    }

    static NotificationGroup mentionInPost(long recipientId, long postId) {
        return new NotificationGroup(recipientId, "mention:post:" + postId, NotificationType.MENTION, postId, null);
    }

    static NotificationGroup mentionInComment(long recipientId, long postId, long commentId) {
        return new NotificationGroup(recipientId, "mention:comment:" + commentId, NotificationType.MENTION, postId, commentId);
    }

    static NotificationGroup follow(long followeeId, Instant at) {
        return new NotificationGroup(followeeId, FOLLOW_PREFIX + day(at), NotificationType.FOLLOW, null, null);
    }

    /** The keys of every day's follow group start so. */
    static final String FOLLOW_PREFIX = "follow:";

    static NotificationGroup followRequest(long followeeId, long followerId) {
        return new NotificationGroup(followeeId, "follow_request:" + followerId, NotificationType.FOLLOW_REQUEST, null, null);
    }

    static NotificationGroup followAccepted(long followerId, long followeeId) {
        return new NotificationGroup(followerId, "follow_accepted:" + followeeId, NotificationType.FOLLOW_ACCEPTED, null, null);
    }

    private static long day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }
}
