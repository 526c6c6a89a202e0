package dev.shutter.post.post;

import dev.shutter.post.erasure.ErasureStep;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Erasure of an account's posts, one post per transaction, each deleted as its author would
 * delete it ({@link PostService#deleteRows}: media items, every {@link PostDeletion}, and a {@code
 * post.deleted} for search and Explore). After the timelines: feed-service finds the posts to take
 * out of followers' timelines through post-service, so they must still be there.
 */
@ApplicationScoped
public class PostErasure implements ErasureStep {

    private final Mutiny.SessionFactory sessions;
    private final PostService posts;

    PostErasure(Mutiny.SessionFactory sessions, PostService posts) {
        this.sessions = sessions;
        this.posts = posts;
    }

    @Override
    public String store() {
        return "posts";
    }

    @Override
    public Set<String> after() {
        return Set.of("timelines");
    }

    @Override
    public Uni<Long> erase(long userId) {
        return next(userId, 0);
    }

    private Uni<Long> next(long userId, long soFar) {
        return sessions.withTransaction(session -> session.createSelectionQuery("from Post where authorId = :author", Post.class)
                        .setParameter("author", userId)
                        .setMaxResults(1)
                        .getSingleResultOrNull()
                        .chain(post -> post == null
                                ? Uni.createFrom().item(false)
                                : posts.deleteRows(session, post, true).replaceWith(true)
                                        // Gone meanwhile (another instance, the author): nothing to do.
                                        .onFailure(ProblemException.class).recoverWithItem(true)))
                .chain(deleted -> deleted ? next(userId, soFar + 1) : Uni.createFrom().item(soFar));
    }
}
