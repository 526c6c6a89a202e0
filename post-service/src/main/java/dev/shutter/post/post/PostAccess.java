package dev.shutter.post.post;

import dev.shutter.post.account.AccountService;
import dev.shutter.post.follow.Visibility;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Finds a post the viewer may see, or answers 404: an unknown post, one of an erased account, one
 * still processing or failed (except to its author), and one of a private account the viewer
 * does not follow all look the same.
 */
@ApplicationScoped
public class PostAccess {

    private final AccountService accounts;
    private final Visibility visibility;

    PostAccess(AccountService accounts, Visibility visibility) {
        this.accounts = accounts;
        this.visibility = visibility;
    }

    public Uni<Post> visible(Mutiny.Session session, long viewerId, long postId) {
        return session.createSelectionQuery("from Post where postId = :id", Post.class)
                .setParameter("id", postId)
                .getSingleResultOrNull()
                .chain(post -> {
                    if (post == null || !(Post.READY.equals(post.status) || post.authorId == viewerId)) {
                        return notFound();
                    }
                    return accounts.findActive(session, post.authorId)
                            .chain(author -> author == null
                                    ? Uni.createFrom().item(false)
                                    : visibility.canSee(session, viewerId, author.userId, author.isPrivate))
                            .chain(allowed -> allowed ? Uni.createFrom().item(post) : notFound());
                });
    }

    private static Uni<Post> notFound() {
        return Uni.createFrom().failure(ProblemException.notFound("No such post."));
    }
}
