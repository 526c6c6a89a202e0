package dev.shutter.post.post;

import dev.shutter.post.reactive.Columns;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.follow.Visibility;
import dev.shutter.rest.post.PostView;
import dev.shutter.post.post.view.PostViews;
import dev.shutter.rest.paging.Cursors;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Lists of posts: a profile grid and the caller's saved posts. Each fetches one more row than
 * the page to know whether another page follows, pages by a keyset cursor (never an offset, so
 * posts arriving meanwhile neither repeat nor shift a page), and hydrates through {@link
 * PostViews}. A page may hold fewer posts than the limit when some became invisible (a saved post
 * deleted, its private author unfollowed); the cursor still moves on.
 */
@ApplicationScoped
public class PostLists {

    private static final String GRID_CURSOR = "g1";
    private static final String SAVED_CURSOR = "s1";

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final Visibility visibility;
    private final PostViews views;

    PostLists(Mutiny.SessionFactory sessions, AccountService accounts, Visibility visibility, PostViews views) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.visibility = visibility;
        this.views = views;
    }

    /**
     * A profile grid: the author's ready posts, newest first. Processing and failed posts are not
     * in it, not even for the author: the grid is the profile as others see it, and matches the
     * post count (which counts ready posts); the author follows an upload through `GET
     * /v1/posts/{id}`. 404 for an unknown or erased account, and for a private account the viewer
     * does not follow.
     */
    public Uni<Page<PostView>> grid(long viewerId, long authorId, PageRequest page) {
        long[] position = page.decode(GRID_CURSOR, 1);
        long before = position == null ? Long.MAX_VALUE : position[0];
        return sessions.withSession(session -> accounts.findActive(session, authorId)
                .chain(author -> author == null
                        ? Uni.createFrom().item(false)
                        : visibility.canSee(session, viewerId, authorId, author.isPrivate))
                .chain(allowed -> {
                    if (!allowed) {
                        return Uni.createFrom().failure(ProblemException.notFound("No such account."));
                    }
                    return session.createNativeQuery("""
                                    SELECT post_id FROM posts
                                    WHERE author_id = :author AND status = 'ready' AND post_id < :before
                                    ORDER BY post_id DESC LIMIT :limit""", Long.class)
                            .setParameter("author", authorId)
                            .setParameter("before", before)
                            .setParameter("limit", page.limit() + 1)
                            .getResultList()
                            .chain(ids -> {
                                List<Long> pageIds = ids.size() > page.limit() ? ids.subList(0, page.limit()) : ids;
                                String next = ids.size() > page.limit()
                                        ? PageRequest.encode(GRID_CURSOR, pageIds.getLast())
                                        : null;
                                return views.hydrate(session, viewerId, pageIds).map(items -> new Page<>(items, next));
                            });
                }));
    }

    /** The caller's saved posts, most recently saved first. */
    public Uni<Page<PostView>> saved(long userId, PageRequest page) {
        long[] position = page.decode(SAVED_CURSOR, 2);
        return sessions.withSession(session -> {
            var query = position == null
                    ? session.createNativeQuery("""
                                    SELECT post_id, created_at FROM saves WHERE user_id = :user
                                    ORDER BY created_at DESC, post_id DESC LIMIT :limit""", Object[].class)
                    : session.createNativeQuery("""
                                    SELECT post_id, created_at FROM saves
                                    WHERE user_id = :user AND (created_at < :at OR (created_at = :at AND post_id < :post))
                                    ORDER BY created_at DESC, post_id DESC LIMIT :limit""", Object[].class)
                            .setParameter("at", Cursors.instantOfMicros(position[0]))
                            .setParameter("post", position[1]);
            return query.setParameter("user", userId)
                    .setParameter("limit", page.limit() + 1)
                    .getResultList()
                    .chain(rows -> {
                        List<Object[]> pageRows = rows.size() > page.limit() ? rows.subList(0, page.limit()) : rows;
                        String next = null;
                        if (rows.size() > page.limit()) {
                            Object[] last = pageRows.getLast();
                            next = PageRequest.encode(SAVED_CURSOR, Cursors.micros(Columns.instant(last[1])),
                                    ((Number) last[0]).longValue());
                        }
                        String nextCursor = next;
                        List<Long> ids = pageRows.stream().map(row -> ((Number) row[0]).longValue()).toList();
                        return views.hydrate(session, userId, ids).map(items -> new Page<>(items, nextCursor));
                    });
        });
    }

}
