package dev.shutter.post.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A notification as API.md shows it; IDs are strings, times RFC 3339 UTC, {@code post} and {@code comment} null when none. */
@RegisterForReflection
public record NotificationView(
        String notificationId,
        String type,
        List<Actor> actors,
        long actorCount,
        @JsonInclude(JsonInclude.Include.ALWAYS) PostRef post,
        @JsonInclude(JsonInclude.Include.ALWAYS) CommentRef comment,
        String createdAt,
        boolean read) {

    @RegisterForReflection
    public record Actor(String userId, String username, String avatarUrl) {}

    @RegisterForReflection
    public record PostRef(String postId, String thumb) {}

    @RegisterForReflection
    public record CommentRef(String commentId, String text) {}

    /** {@code GET /v1/notifications}: a page, newest first, and how many are unread (all pages). */
    @RegisterForReflection
    public record Page(List<NotificationView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor, long unreadCount) {}

    /** {@code POST /v1/notifications/read}. */
    @RegisterForReflection
    public record MarkRead(String upTo) {}
}
