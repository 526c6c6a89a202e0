package dev.shutter.post.search;

import java.util.List;

/** One drain's writes: documents to add or replace and IDs to delete, per index. */
public record IndexChanges(List<PostDocument> posts, List<Long> deletedPosts, List<UserDocument> users,
        List<Long> deletedUsers) {

    public boolean isEmpty() {
        return posts.isEmpty() && deletedPosts.isEmpty() && users.isEmpty() && deletedUsers.isEmpty();
    }

    public int size() {
        return posts.size() + deletedPosts.size() + users.size() + deletedUsers.size();
    }
}
