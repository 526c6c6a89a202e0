package dev.shutter.post.post;

import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.ratelimit.RateLimiter;
import dev.shutter.post.reactive.Database;
import dev.shutter.post.ratelimit.RateLimits;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Creating posts: {@code POST /v1/posts}. */
@ApplicationScoped
public class PostCreation {

    private static final int ID_ATTEMPTS = 3;
    /** The unique indexes of the IDs drawn here. */
    private static final String[] KEYS = {"posts_pkey", "posts_by_id", "media_items_pkey", "media_items_by_id"};

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final UploadUrls uploadUrls;
    private final RateLimiter rateLimiter;
    private final RateLimits limits;
    private final IdGenerator ids;

    PostCreation(Mutiny.SessionFactory sessions, AccountService accounts, UploadUrls uploadUrls, RateLimiter rateLimiter,
            RateLimits limits, IdGenerator ids) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.uploadUrls = uploadUrls;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.ids = ids;
    }

    /**
     * Stores a post in status processing with one pending media item per upload, in one
     * transaction, and hands out one signed upload URL per item. The post is published once the
     * media worker has processed every item ({@code media.MediaProcessing}). Only a valid request
     * counts against the rate limit.
     */
    public Uni<CreatedPost> create(long authorId, CreatePostRequest request) {
        return Uni.createFrom().item(() -> NewPost.from(request))
                .call(() -> rateLimiter.acquire(limits.posts(), authorId))
                .chain(newPost -> store(authorId, newPost, ID_ATTEMPTS))
                .map(this::withUploadUrls);
    }

    /**
     * Stores the rows; an ID that still met an existing one (a tool writing rows with an ID worker
     * of its own, a clock far off) is drawn again, a few times, instead of answering 500.
     */
    private Uni<List<Object>> store(long authorId, NewPost newPost, int attemptsLeft) {
        return sessions.withTransaction(session -> accounts.findActive(session, authorId)
                        .chain(author -> {
                            if (author == null) {
                                throw ProblemException.notFound("No such account.");
                            }
                            List<Object> rows = rows(authorId, newPost);
                            return session.persistAll(rows.toArray()).call(session::flush).replaceWith(rows);
                        }))
                .onFailure(failure -> attemptsLeft > 1 && Database.isUniqueViolation(failure, KEYS))
                .recoverWithUni(failure -> store(authorId, newPost, attemptsLeft - 1));
    }

    private List<Object> rows(long authorId, NewPost newPost) {
        int shard = Snowflake.shardForOwner(authorId);
        Post post = new Post();
        post.authorId = authorId;
        post.postId = ids.next(shard);
        post.caption = newPost.caption().text();
        post.hashtags = String.join(" ", newPost.caption().hashtags());
        post.status = Post.PROCESSING;
        post.locationId = newPost.locationId();
        // The ID's own timestamp, so that createdAt and the ID (which the feed sorts by) never disagree.
        post.createdAt = Snowflake.timestampOf(post.postId);
        List<Object> rows = new ArrayList<>();
        rows.add(post);
        for (int position = 0; position < newPost.media().size(); position++) {
            NewPost.NewMedia upload = newPost.media().get(position);
            MediaItem item = new MediaItem();
            item.authorId = authorId;
            item.postId = post.postId;
            item.mediaId = ids.next(shard);
            item.position = (short) position;
            item.mimeType = upload.mimeType();
            item.sizeBytes = upload.sizeBytes();
            item.objectKey = ObjectKeys.upload(MediaRef.create(authorId, post.postId, item.mediaId));
            item.status = MediaItem.PENDING;
            rows.add(item);
        }
        return rows;
    }

    private CreatedPost withUploadUrls(List<Object> rows) {
        Post post = (Post) rows.getFirst();
        List<CreatedPost.Upload> uploads = rows.stream().skip(1).map(MediaItem.class::cast).map(uploadUrls::of).toList();
        return new CreatedPost(post.postId, post.status, uploads);
    }
}
