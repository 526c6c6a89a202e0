package dev.shutter.post.follow;

import dev.shutter.wiring.CelebrityConfig;
import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The only place a follow edge changes. Every change is one conditional statement whose result
 * (the rows it inserted, updated or deleted) decides what else happens, so concurrent requests
 * for the same pair never count twice: only the statement that actually moved the edge to or
 * from {@code following} moves the counts, and only an actual change is announced. Counts and
 * the {@code follow.changed} event are written in the caller's transaction.
 *
 * <p>Counter rows are always touched in the same order (the followee's followers, then the
 * follower's following) after the edge row itself is locked, so concurrent changes queue rather
 * than deadlock.
 */
@ApplicationScoped
public class FollowEdges {

    private final Counters counters;
    private final FollowEvents events;
    private final CelebrityConfig celebrities;

    FollowEdges(Counters counters, FollowEvents events, CelebrityConfig celebrities) {
        this.counters = counters;
        this.events = events;
        this.celebrities = celebrities;
    }

    /** The edge's state, or empty when the follower neither follows nor has asked to. */
    public Uni<Optional<FollowState>> state(Mutiny.Session session, long followerId, long followeeId) {
        return session.createNativeQuery("SELECT state FROM follows WHERE follower_id = :follower AND followee_id = :followee",
                        String.class)
                .setParameter("follower", followerId)
                .setParameter("followee", followeeId)
                .getResultList()
                .map(states -> states.stream().findFirst().map(FollowState::ofColumn));
    }

    /**
     * Creates the edge in {@code state} unless one exists. Returns whether it was created; when
     * it was not, nothing changed.
     */
    public Uni<Boolean> create(Mutiny.Session session, long followerId, long followeeId, FollowState state) {
        return session.createNativeQuery("""
                        INSERT INTO follows (follower_id, followee_id, state, created_at)
                        VALUES (:follower, :followee, :state, :at)
                        ON CONFLICT (follower_id, followee_id) DO NOTHING""")
                .setParameter("follower", followerId)
                .setParameter("followee", followeeId)
                .setParameter("state", state.column())
                .setParameter("at", Instant.now())
                .executeUpdate()
                .chain(inserted -> {
                    if (inserted == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return state == FollowState.FOLLOWING
                            ? approved(session, followeeId, List.of(followerId), false).replaceWith(true)
                            : announce(session, followerId, followeeId, FollowChanged.State.REQUESTED).replaceWith(true);
                });
    }

    /** Approves one pending request. Returns false when there was none (nothing changed). */
    public Uni<Boolean> approve(Mutiny.Session session, long followerId, long followeeId) {
        return session.createNativeQuery("""
                        UPDATE follows SET state = 'following', created_at = :at
                        WHERE follower_id = :follower AND followee_id = :followee AND state = 'requested'""")
                .setParameter("at", Instant.now())
                .setParameter("follower", followerId)
                .setParameter("followee", followeeId)
                .executeUpdate()
                .chain(updated -> updated == 0
                        ? Uni.createFrom().item(false)
                        : approved(session, followeeId, List.of(followerId), true).replaceWith(true));
    }

    /**
     * Approves every pending request to the followee. RETURNING names exactly the rows this
     * statement approved, so a request arriving meanwhile is neither counted without being
     * approved nor approved without being counted.
     */
    public Uni<Integer> approveAll(Mutiny.Session session, long followeeId) {
        return session.createNativeQuery("""
                        UPDATE follows SET state = 'following', created_at = :at
                        WHERE followee_id = :followee AND state = 'requested'
                        RETURNING follower_id""", Long.class)
                .setParameter("at", Instant.now())
                .setParameter("followee", followeeId)
                .getResultList()
                .chain(followers -> approved(session, followeeId, followers, true).replaceWith(followers.size()));
    }

    /** Denies one pending request. Returns false when there was none (nothing changed). */
    public Uni<Boolean> deny(Mutiny.Session session, long followerId, long followeeId) {
        return session.createNativeQuery("""
                        DELETE FROM follows
                        WHERE follower_id = :follower AND followee_id = :followee AND state = 'requested'""")
                .setParameter("follower", followerId)
                .setParameter("followee", followeeId)
                .executeUpdate()
                .chain(deleted -> deleted == 0
                        ? Uni.createFrom().item(false)
                        : announce(session, followerId, followeeId, FollowChanged.State.NONE).replaceWith(true));
    }

    /**
     * Removes the edge, approved or pending (unfollow, or withdrawing a request). RETURNING tells
     * which state this statement removed, so the counts drop only when an approved edge went.
     * Returns false when there was no edge (nothing changed).
     */
    public Uni<Boolean> remove(Mutiny.Session session, long followerId, long followeeId) {
        return session.createNativeQuery("""
                        DELETE FROM follows WHERE follower_id = :follower AND followee_id = :followee
                        RETURNING state""", String.class)
                .setParameter("follower", followerId)
                .setParameter("followee", followeeId)
                .getResultList()
                .chain(states -> {
                    if (states.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> uncounted = FollowState.ofColumn(states.getFirst()) == FollowState.FOLLOWING
                            ? counters.add(session, followeeId, CounterName.FOLLOWERS, -1)
                                    .chain(() -> counters.add(session, followerId, CounterName.FOLLOWING, -1))
                            : Uni.createFrom().voidItem();
                    return uncounted.chain(() -> announce(session, followerId, followeeId, FollowChanged.State.NONE))
                            .replaceWith(true);
                });
    }

    /** Counts edges that just became approved, and announces them ({@code requested}: pending requests approved). */
    private Uni<Void> approved(Mutiny.Session session, long followeeId, List<Long> followerIds, boolean requested) {
        if (followerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return counters.add(session, followeeId, CounterName.FOLLOWERS, followerIds.size())
                .chain(() -> Multi.createFrom().iterable(followerIds)
                        .onItem().transformToUniAndConcatenate(follower -> counters.add(session, follower, CounterName.FOLLOWING, 1))
                        .collect().last())
                .chain(() -> followers(session, followeeId))
                .chain(followers -> Multi.createFrom().iterable(followerIds)
                        .onItem().transformToUniAndConcatenate(follower -> events.changed(session, follower, followeeId,
                                FollowChanged.State.FOLLOWING, celebrities.isCelebrity(followers), followers, requested))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> announce(Mutiny.Session session, long followerId, long followeeId, FollowChanged.State state) {
        return followers(session, followeeId)
                .chain(followers -> events.changed(session, followerId, followeeId, state, celebrities.isCelebrity(followers),
                        followers));
    }

    /** The followee's approved followers as of this transaction's counts (after its change). */
    private Uni<Long> followers(Mutiny.Session session, long followeeId) {
        return counters.read(session, followeeId).map(counts -> counts.get(CounterName.FOLLOWERS));
    }
}
