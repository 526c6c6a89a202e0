package dev.shutter.post.engagement;

import java.util.List;

/** A comment as the API shows it; IDs are strings, times RFC 3339 UTC. */
public record CommentView(String commentId, String postId, Author author, String text, String createdAt) {

    public record Author(String userId, String username, String avatarUrl) {}

    /** One page of a post's comments, oldest first; {@code nextCursor} is null on the last page. */
    public record Page(List<CommentView> items, String nextCursor) {}
}
