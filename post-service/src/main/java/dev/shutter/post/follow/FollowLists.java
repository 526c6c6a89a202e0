package dev.shutter.post.follow;

import dev.shutter.post.reactive.Columns;
import dev.shutter.post.account.AccountService;
import dev.shutter.rest.paging.Cursors;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The paged lists of the graph: an account's followers and followings, and the requests waiting
 * for the caller's approval. Newest edge first; accounts that asked to be erased are left out.
 */
@ApplicationScoped
public class FollowLists {

    /**
     * Cursor kind of these lists: the last edge's time in microseconds (the column's precision, so
     * it round-trips exactly) and the listed account's ID, which breaks ties.
     */
    private static final String CURSOR = "f1";

    /** Which end of the edge the list is about and which end it lists (fixed column names, never input). */
    private enum Side {
        FOLLOWERS("followee_id", "follower_id"),
        FOLLOWING("follower_id", "followee_id");

        final String owner;
        final String listed;

        Side(String owner, String listed) {
            this.owner = owner;
            this.listed = listed;
        }
    }

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final Visibility visibility;

    FollowLists(Mutiny.SessionFactory sessions, AccountService accounts, Visibility visibility) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.visibility = visibility;
    }

    public Uni<Page<AccountSummary>> followers(long viewerId, long userId, PageRequest page) {
        return visibleList(viewerId, userId, Side.FOLLOWERS, page);
    }

    public Uni<Page<AccountSummary>> following(long viewerId, long userId, PageRequest page) {
        return visibleList(viewerId, userId, Side.FOLLOWING, page);
    }

    /** Requests waiting for the caller's approval. */
    public Uni<Page<AccountSummary>> requests(long userId, PageRequest page) {
        return sessions.withSession(session -> list(session, userId, Side.FOLLOWERS, FollowState.REQUESTED, page));
    }

    /** A private account's lists are as hidden as its posts: 404 to anyone but itself and its followers. */
    private Uni<Page<AccountSummary>> visibleList(long viewerId, long userId, Side side, PageRequest page) {
        return sessions.withSession(session -> accounts.findActive(session, userId)
                .chain(user -> user == null
                        ? Uni.createFrom().item(false)
                        : visibility.canSee(session, viewerId, user.userId, user.isPrivate))
                .chain(visible -> {
                    if (!visible) {
                        return Uni.createFrom().failure(ProblemException.notFound("No such account."));
                    }
                    return list(session, userId, side, FollowState.FOLLOWING, page);
                }));
    }

    private Uni<Page<AccountSummary>> list(Mutiny.Session session, long ownerId, Side side, FollowState state, PageRequest page) {
        Edge after = Edge.after(page);
        String afterClause = after == null ? "" : """
                AND (f.created_at < :at OR (f.created_at = :at AND f.%s < :afterUser))""".formatted(side.listed);
        var query = session.createNativeQuery("""
                        SELECT u.user_id, u.username, u.display_name, u.avatar_url, f.created_at
                        FROM follows f JOIN users u ON u.user_id = f.%s
                        WHERE f.%s = :owner AND f.state = :state AND u.erasure_requested_at IS NULL
                        %s
                        ORDER BY f.created_at DESC, f.%s DESC
                        LIMIT :limit""".formatted(side.listed, side.owner, afterClause, side.listed), Object[].class)
                .setParameter("owner", ownerId)
                .setParameter("state", state.column())
                // One more than asked: whether it exists tells if there is a next page.
                .setParameter("limit", page.limit() + 1);
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("afterUser", after.userId());
        }
        return query.getResultList().map(rows -> page(rows, page.limit()));
    }

    /** Where a page stopped: newest first, so the next page starts strictly after this edge. */
    private record Edge(Instant at, long userId) {

        String encode() {
            return PageRequest.encode(CURSOR, Cursors.micros(at), userId);
        }

        static Edge after(PageRequest page) {
            long[] fields = page.decode(CURSOR, 2);
            return fields == null ? null : new Edge(Cursors.instantOfMicros(fields[0]), fields[1]);
        }
    }

    private static Page<AccountSummary> page(List<Object[]> rows, int limit) {
        List<AccountSummary> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (Object[] row : rows.subList(0, Math.min(rows.size(), limit))) {
            items.add(new AccountSummary(Long.toString(((Number) row[0]).longValue()), (String) row[1], (String) row[2],
                    (String) row[3]));
        }
        String next = null;
        if (rows.size() > limit) {
            Object[] last = rows.get(limit - 1);
            next = new Edge(Columns.instant(last[4]), ((Number) last[0]).longValue()).encode();
        }
        return new Page<>(items, next);
    }

}
