package dev.shutter.post.engagement;

import dev.shutter.post.reactive.Columns;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.account.User;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.post.Post;
import dev.shutter.post.post.PostAccess;
import dev.shutter.post.post.PostDeletion;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;
import dev.shutter.post.text.UserText;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Comments on posts: writing one (counted and announced in its transaction) and reading them oldest first. */
@ApplicationScoped
public class CommentService implements PostDeletion {

    public static final int MAX_LENGTH = 2_200;
    /** A comment ID can clash with one issued by another instance in the same millisecond; then a new one is drawn. */
    private static final int ID_ATTEMPTS = 3;
    /** Cursor kind of a post's comments: the last comment ID shown (IDs sort by time). */
    private static final String CURSOR = "c1";

    private final Mutiny.SessionFactory sessions;
    private final PostAccess posts;
    private final AccountService accounts;
    private final Counters counters;
    private final EngagementEvents events;
    private final IdGenerator ids;

    CommentService(Mutiny.SessionFactory sessions, PostAccess posts, AccountService accounts, Counters counters,
            EngagementEvents events, IdGenerator ids) {
        this.sessions = sessions;
        this.posts = posts;
        this.accounts = accounts;
        this.counters = counters;
        this.events = events;
        this.ids = ids;
    }

    public Uni<CommentView> create(long userId, long postId, String rawText) {
        String text = UserText.normalize(rawText);
        if (text == null) {
            return Uni.createFrom().failure(ProblemException.invalid("text", "is required"));
        }
        if (text.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid("text", "must not be empty"));
        }
        if (UserText.length(text) > MAX_LENGTH) {
            return Uni.createFrom().failure(ProblemException.invalid("text", "must be at most " + MAX_LENGTH + " characters"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return sessions.withTransaction(session -> posts.visible(session, userId, postId)
                .chain(post -> accounts.findActive(session, userId).chain(author -> {
                    if (author == null) { // erased since the token was issued
                        return Uni.createFrom().failure(ProblemException.unauthorized("A valid bearer token is required."));
                    }
                    return insert(session, post, author, text, now, ID_ATTEMPTS)
                            .call(() -> counters.add(session, postId, CounterName.COMMENTS, 1))
                            .call(comment -> events.addComment(session, Engagement.Action.COMMENT, postId, post.authorId, userId,
                                    Long.parseLong(comment.commentId()), now));
                })));
    }

    /**
     * Deletes a comment, by its author or the post's author; anyone else, or a comment that is not
     * there (any more), gets a 404. The count drops and an {@code UNCOMMENT} event goes out in the
     * same transaction, so what was built from the comment (notifications) is taken back.
     */
    public Uni<Void> delete(long userId, long postId, long commentId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return sessions.withTransaction(session -> posts.visible(session, userId, postId)
                .chain(post -> session.createNativeQuery("""
                                DELETE FROM comments
                                WHERE post_id = :post AND comment_id = :comment AND author_id BETWEEN :fromAuthor AND :toAuthor
                                RETURNING author_id""", Long.class)
                        .setParameter("post", postId)
                        .setParameter("comment", commentId)
                        // The post's author may delete any comment; anyone else only their own.
                        .setParameter("fromAuthor", post.authorId == userId ? Long.MIN_VALUE : userId)
                        .setParameter("toAuthor", post.authorId == userId ? Long.MAX_VALUE : userId)
                        .getResultList()
                        .chain(authors -> authors.isEmpty()
                                ? Uni.createFrom().failure(ProblemException.notFound("No such comment."))
                                : counters.add(session, postId, CounterName.COMMENTS, -1)
                                        .chain(() -> events.addComment(session, Engagement.Action.UNCOMMENT, postId, post.authorId,
                                                authors.getFirst(), commentId, now)))));
    }

    /** A deleted post's comments go with it. */
    @Override
    public Uni<Void> postDeleted(Mutiny.Session session, long authorId, long postId) {
        return session.createNativeQuery("DELETE FROM comments WHERE post_id = :post")
                .setParameter("post", postId)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** A page of the post's comments, oldest first; comments of erased accounts are left out. */
    public Uni<Page<CommentView>> list(long viewerId, long postId, PageRequest page) {
        long[] after = page.decode(CURSOR, 1);
        long afterCommentId = after == null ? 0 : after[0];
        int limit = page.limit();
        return sessions.withSession(session -> posts.visible(session, viewerId, postId)
                .chain(post -> session.createNativeQuery("""
                                SELECT c.comment_id, c.author_id, c.body, c.created_at, u.username, u.avatar_url
                                FROM comments c JOIN users u ON u.user_id = c.author_id
                                WHERE c.post_id = :post AND c.comment_id > :after AND u.erasure_requested_at IS NULL
                                ORDER BY c.comment_id
                                LIMIT :limit""", Object[].class)
                        .setParameter("post", postId)
                        .setParameter("after", afterCommentId)
                        .setParameter("limit", limit + 1)
                        .getResultList()))
                .map(rows -> {
                    List<CommentView> items = new ArrayList<>(Math.min(rows.size(), limit));
                    for (Object[] row : rows.subList(0, Math.min(rows.size(), limit))) {
                        items.add(new CommentView(row[0].toString(), Long.toString(postId),
                                new CommentView.Author(row[1].toString(), (String) row[4], (String) row[5]),
                                (String) row[2], Columns.instant(row[3]).toString()));
                    }
                    String next = rows.size() > limit ? PageRequest.encode(CURSOR, Long.parseLong(items.getLast().commentId())) : null;
                    return new Page<>(items, next);
                });
    }

    private Uni<CommentView> insert(Mutiny.Session session, Post post, User author, String text, Instant at, int attemptsLeft) {
        long commentId = ids.next(Snowflake.shardOf(post.postId));
        return session.createNativeQuery("""
                        INSERT INTO comments (post_id, comment_id, author_id, body, created_at)
                        VALUES (:post, :id, :author, :body, :at)
                        ON CONFLICT (post_id, comment_id) DO NOTHING""")
                .setParameter("post", post.postId)
                .setParameter("id", commentId)
                .setParameter("author", author.userId)
                .setParameter("body", text)
                .setParameter("at", at)
                .executeUpdate()
                .chain(inserted -> {
                    if (inserted == 1) {
                        return Uni.createFrom().item(new CommentView(Long.toString(commentId), Long.toString(post.postId),
                                new CommentView.Author(Long.toString(author.userId), author.username, author.avatarUrl),
                                text, at.toString()));
                    }
                    if (attemptsLeft > 1) {
                        return insert(session, post, author, text, at, attemptsLeft - 1);
                    }
                    return Uni.createFrom().failure(new IllegalStateException("comment ID " + commentId + " clashed "
                            + ID_ATTEMPTS + " times on post " + post.postId));
                });
    }

}
