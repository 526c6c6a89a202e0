package dev.shutter.post.post;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.SignedUrl;
import dev.shutter.blobs.UrlSigner;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.account.AccountService;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.platform.BlobsConfig;
import dev.shutter.post.post.view.PostView;
import dev.shutter.post.post.view.PostViews;
import dev.shutter.rest.problem.ProblemException;
import dev.shutter.post.ratelimit.RateLimiter;
import dev.shutter.post.ratelimit.RateLimits;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Creating, reading and deleting posts. */
@ApplicationScoped
public class PostService {

    private final Mutiny.SessionFactory sessions;
    private final AccountService accounts;
    private final PostAccess access;
    private final PostViews views;
    private final PostEvents events;
    private final Counters counters;
    private final RawUploads rawUploads;
    private final UrlSigner rawSigner;
    private final BlobsConfig blobs;
    private final RateLimiter rateLimiter;
    private final RateLimits limits;
    private final IdGenerator ids;

    PostService(Mutiny.SessionFactory sessions, AccountService accounts, PostAccess access, PostViews views,
            PostEvents events, Counters counters, RawUploads rawUploads, UrlSigner rawSigner, BlobsConfig blobs,
            RateLimiter rateLimiter, RateLimits limits, IdGenerator ids) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.access = access;
        this.views = views;
        this.events = events;
        this.counters = counters;
        this.rawUploads = rawUploads;
        this.rawSigner = rawSigner;
        this.blobs = blobs;
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
                .chain(newPost -> sessions.withTransaction(session -> accounts.findActive(session, authorId)
                        .chain(author -> {
                            if (author == null) {
                                throw ProblemException.notFound("No such account.");
                            }
                            List<Object> rows = rows(authorId, newPost);
                            return session.persistAll(rows.toArray()).replaceWith(rows);
                        })))
                .map(this::withUploadUrls);
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
            item.objectKey = RawUploads.keyOf(post.postId, item.mediaId);
            item.status = MediaItem.PENDING;
            rows.add(item);
        }
        return rows;
    }

    /** Signing is local computation (an HMAC here, an RSA signature with a service-account key on GCS). */
    private CreatedPost withUploadUrls(List<Object> rows) {
        Post post = (Post) rows.getFirst();
        List<CreatedPost.Upload> uploads = rows.stream().skip(1).map(MediaItem.class::cast).map(item -> {
            // The declared size is the most the URL accepts: nobody uploads more than they announced.
            SignedUrl url = rawSigner.signPut(BlobKey.of(item.objectKey), item.mimeType, item.sizeBytes, blobs.uploadTtl());
            return new CreatedPost.Upload(item.mediaId, url.method(), url.url().toString(), url.headers(), url.expiresAt());
        }).toList();
        return new CreatedPost(post.postId, post.status, uploads);
    }

    /** A post as the viewer sees it; 404 when the viewer may not see it. */
    public Uni<PostView> get(long viewerId, long postId) {
        return sessions.withSession(session -> views.hydrate(session, viewerId, List.of(postId)))
                .map(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.notFound("No such post.");
                    }
                    return found.getFirst();
                });
    }

    /**
     * Deletes a post, its media items, comments and counters, and announces it as {@code
     * post.deleted}, in one transaction; the author's post count drops if the post had counted.
     * Only the author may: anyone else gets 404 when the post is not visible to them (no leak),
     * 403 when it is. After the commit the raw uploads are deleted; the processed variants in the
     * media bucket are the media pipeline's to remove (on {@code post.deleted}), and likes and
     * saves of the post (keyed by user) stay behind as rows that hydration skips.
     */
    public Uni<Void> delete(long viewerId, long postId) {
        return sessions.withTransaction(session -> access.visible(session, viewerId, postId)
                        .chain(post -> {
                            if (post.authorId != viewerId) {
                                throw ProblemException.forbidden("Only the author may delete a post.");
                            }
                            return deleteRows(session, post);
                        }))
                .chain(rawUploads::delete)
                .replaceWithVoid();
    }

    /** @return the raw object keys of the deleted media items */
    private Uni<List<String>> deleteRows(Mutiny.Session session, Post post) {
        // Lock the row and read its status as of now: a concurrent media.processed that makes it
        // ready either finished before (and the count is taken back) or waits and finds no post.
        return session.createNativeQuery("SELECT status FROM posts WHERE author_id = :author AND post_id = :post FOR UPDATE",
                        String.class)
                .setParameter("author", post.authorId)
                .setParameter("post", post.postId)
                .getSingleResultOrNull()
                .chain(status -> {
                    if (status == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No such post."));
                    }
                    return session.createNativeQuery("SELECT object_key FROM media_items WHERE author_id = :author AND post_id = :post",
                                    String.class)
                            .setParameter("author", post.authorId)
                            .setParameter("post", post.postId)
                            .getResultList()
                            .call(() -> execute(session, "DELETE FROM media_items WHERE author_id = :author AND post_id = :post", post))
                            .call(() -> execute(session, "DELETE FROM posts WHERE author_id = :author AND post_id = :post", post))
                            .call(() -> session.createNativeQuery("DELETE FROM comments WHERE post_id = :post")
                                    .setParameter("post", post.postId).executeUpdate())
                            .call(() -> session.createNativeQuery("DELETE FROM counter_shards WHERE entity_id = :post")
                                    .setParameter("post", post.postId).executeUpdate())
                            .call(() -> Post.READY.equals(status)
                                    ? counters.add(session, post.authorId, CounterName.POSTS, -1)
                                    : Uni.createFrom().voidItem())
                            .call(() -> counters.read(session, post.authorId).chain(counts ->
                                    events.deleted(session, post.postId, post.authorId, counts.get(CounterName.FOLLOWERS))));
                });
    }

    private static Uni<Integer> execute(Mutiny.Session session, String sql, Post post) {
        return session.createNativeQuery(sql)
                .setParameter("author", post.authorId)
                .setParameter("post", post.postId)
                .executeUpdate();
    }
}
