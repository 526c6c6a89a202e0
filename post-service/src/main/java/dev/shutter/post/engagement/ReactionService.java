package dev.shutter.post.engagement;

import dev.shutter.post.post.PostDeletion;
import io.smallrye.mutiny.Multi;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.post.Post;
import dev.shutter.post.post.PostAccess;
import dev.shutter.post.ratelimit.RateLimiter;
import dev.shutter.post.ratelimit.RateLimits;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Likes and saves. Idempotent: the row's primary key decides whether anything changed (an insert
 * that conflicts or a delete that finds nothing is a no-op), and only a change moves the split
 * counter and writes an event, all in one transaction. Concurrent repeats by one user therefore
 * count once, and concurrent likes by many users never wait on one counter row.
 */
@ApplicationScoped
public class ReactionService implements PostDeletion {

    /** The state after a call: the post's count and whether the caller now holds the reaction. */
    public record State(long count, boolean mine) {}

    private final Mutiny.SessionFactory sessions;
    private final PostAccess posts;
    private final Counters counters;
    private final EngagementEvents events;
    private final RateLimiter rateLimiter;
    private final RateLimits limits;

    ReactionService(Mutiny.SessionFactory sessions, PostAccess posts, Counters counters, EngagementEvents events,
            RateLimiter rateLimiter, RateLimits limits) {
        this.sessions = sessions;
        this.posts = posts;
        this.counters = counters;
        this.events = events;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    public Uni<State> add(Reaction reaction, long userId, long postId) {
        // Every like request counts against the limit, repeats included; unlikes do not.
        Uni<Void> allowed = reaction == Reaction.LIKE
                ? rateLimiter.acquire(limits.likes(), userId)
                : Uni.createFrom().voidItem();
        return allowed.chain(() -> sessions.withTransaction(session -> posts.visible(session, userId, postId)
                .chain(post -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return session.createNativeQuery("INSERT INTO " + reaction.table + " (user_id, post_id, created_at)"
                                    + " VALUES (:user, :post, :at) ON CONFLICT (user_id, post_id) DO NOTHING")
                            .setParameter("user", userId)
                            .setParameter("post", postId)
                            .setParameter("at", now)
                            .executeUpdate()
                            .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                                    : changed(session, reaction, post, userId, +1, now))
                            .chain(() -> state(session, reaction, postId, true));
                })));
    }

    public Uni<State> remove(Reaction reaction, long userId, long postId) {
        return sessions.withTransaction(session -> posts.visible(session, userId, postId)
                .chain(post -> session.createNativeQuery("DELETE FROM " + reaction.table
                                + " WHERE user_id = :user AND post_id = :post")
                        .setParameter("user", userId)
                        .setParameter("post", postId)
                        .executeUpdate()
                        .chain(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                                : changed(session, reaction, post, userId, -1, Instant.now().truncatedTo(ChronoUnit.MICROS)))
                        .chain(() -> state(session, reaction, postId, false))));
    }

    /** A deleted post's likes and saves go with it (they count nothing any more: its counters go too). */
    @Override
    public Uni<Void> postDeleted(Mutiny.Session session, long authorId, long postId) {
        return Multi.createFrom().items(Reaction.values())
                .onItem().transformToUniAndConcatenate(reaction -> session.createNativeQuery("DELETE FROM " + reaction.table
                                + " WHERE post_id = :post")
                        .setParameter("post", postId)
                        .executeUpdate())
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> changed(Mutiny.Session session, Reaction reaction, Post post, long userId, int delta, Instant at) {
        return counters.add(session, post.postId, reaction.counter, delta)
                .chain(() -> events.add(session, delta > 0 ? reaction.on : reaction.off, post.postId, post.authorId, userId, at));
    }

    private Uni<State> state(Mutiny.Session session, Reaction reaction, long postId, boolean mine) {
        return counters.read(session, postId).map(counts -> new State(counts.get(reaction.counter), mine));
    }
}
