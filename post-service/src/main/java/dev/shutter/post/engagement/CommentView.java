package dev.shutter.post.engagement;

/** A comment as the API shows it; IDs are strings, times RFC 3339 UTC. */
public record CommentView(String commentId, String postId, Author author, String text, String createdAt) {

    public record Author(String userId, String username, String avatarUrl) {}
}
