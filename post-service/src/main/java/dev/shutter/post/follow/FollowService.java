package dev.shutter.post.follow;

import dev.shutter.post.account.AccountService;
import dev.shutter.post.account.User;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/** Following, unfollowing, and answering follow requests, each in one transaction. */
@ApplicationScoped
public class FollowService {

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final FollowEdges edges;

    FollowService(Mutiny.SessionFactory sessions, AccountService accounts, FollowEdges edges) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.edges = edges;
    }

    /**
     * Follows the account, or asks to when it is private. Idempotent: an existing edge stays as it
     * is, and the answer is its state.
     */
    public Uni<FollowState> follow(long followerId, long followeeId) {
        if (followerId == followeeId) {
            return Uni.createFrom().failure(ProblemException.invalid("userId", "cannot follow yourself"));
        }
        return sessions.withTransaction(session -> accounts.findActive(session, followeeId).chain(followee -> {
            if (followee == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No such account."));
            }
            return follow(session, followerId, followee, 2);
        }));
    }

    private Uni<FollowState> follow(Mutiny.Session session, long followerId, User followee, int attempts) {
        if (attempts == 0) {
            return Uni.createFrom().failure(ProblemException.conflict("The follow changed concurrently; try again."));
        }
        FollowState wanted = followee.isPrivate ? FollowState.REQUESTED : FollowState.FOLLOWING;
        return edges.create(session, followerId, followee.userId, wanted).chain(created -> created
                ? Uni.createFrom().item(wanted)
                : edges.state(session, followerId, followee.userId).chain(existing -> {
                    if (existing.isEmpty()) {
                        // Removed between the insert and the read (a concurrent unfollow or denial): insert again.
                        return follow(session, followerId, followee, attempts - 1);
                    }
                    if (existing.get() == FollowState.REQUESTED && !followee.isPrivate) {
                        // A request that raced with the account turning public missed its bulk approval:
                        // asking again approves it, as following a public account would.
                        return edges.approve(session, followerId, followee.userId)
                                .chain(approved -> approved
                                        ? Uni.createFrom().item(FollowState.FOLLOWING)
                                        : follow(session, followerId, followee, attempts - 1));
                    }
                    return Uni.createFrom().item(existing.get());
                }));
    }

    /** Unfollows, or withdraws a pending request. Idempotent: no edge, nothing to do. */
    public Uni<Void> unfollow(long followerId, long followeeId) {
        return sessions.withTransaction(session -> edges.remove(session, followerId, followeeId)).replaceWithVoid();
    }

    public Uni<Void> approve(long followeeId, long followerId) {
        return answer(followeeId, followerId, true);
    }

    public Uni<Void> deny(long followeeId, long followerId) {
        return answer(followeeId, followerId, false);
    }

    private Uni<Void> answer(long followeeId, long followerId, boolean approve) {
        return sessions.withTransaction(session -> accounts.findActive(session, followerId).chain(requester -> {
            if (requester == null) {
                return Uni.createFrom().item(false);
            }
            return approve ? edges.approve(session, followerId, followeeId) : edges.deny(session, followerId, followeeId);
        })).invoke(answered -> {
            if (!answered) {
                throw ProblemException.notFound("No pending follow request from this account.");
            }
        }).replaceWithVoid();
    }
}
