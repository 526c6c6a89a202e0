package dev.shutter.post.post;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What must go when a post is deleted, implemented by each package that keeps something of
 * posts in its own tables (comments, counters; later the search index, notifications). Runs
 * inside the deleting transaction, after the post row is locked, so the deletion commits or
 * fails whole. A package joins post deletion by implementing this, without {@link PostService}
 * knowing its tables.
 */
public interface PostDeletion {

    Uni<Void> postDeleted(Mutiny.Session session, long authorId, long postId);
}
