package dev.shutter.post.post;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Posts whose uploads never completed: once a post has been processing longer than the upload
 * deadline (24 h; its upload URLs expired long before), it becomes failed and its raw objects are
 * deleted.
 *
 * <p>Objects go first, then the row: a post is marked failed only once none of its raw objects is
 * left, so a failed deletion leaves it processing and the next run tries again, and no raw file
 * outlives the post's failure. The mark is a conditional update from processing, so a verdict of
 * the media worker arriving meanwhile, or another instance running the same cleanup, wins or
 * loses cleanly. Processed variants of items that did finish are in the media bucket, the media
 * pipeline's to expire.
 */
@ApplicationScoped
public class UploadExpiry {

    public static final String REASON = "upload not completed within 24 hours";
    private static final Logger LOG = Logger.getLogger(UploadExpiry.class);
    /** Rounds per run at most, so one run cannot go on forever behind a flood of expiring posts. */
    private static final int MAX_ROUNDS = 20;

    private final Mutiny.SessionFactory sessions;
    private final RawUploads rawUploads;
    private final PostsConfig config;

    UploadExpiry(Mutiny.SessionFactory sessions, RawUploads rawUploads, PostsConfig config) {
        this.sessions = sessions;
        this.rawUploads = rawUploads;
        this.config = config;
    }

    @Scheduled(every = "${shutter.posts.cleanup-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return expireCreatedBefore(Instant.now().minus(config.uploadDeadline()))
                .invoke(expired -> {
                    if (expired > 0) {
                        LOG.infof("%d posts failed: uploads not completed within %s", expired, config.uploadDeadline());
                    }
                })
                .replaceWithVoid();
    }

    /** Fails every post still processing that was created before {@code cutoff}; returns how many. */
    public Uni<Integer> expireCreatedBefore(Instant cutoff) {
        return round(cutoff, 0, 0);
    }

    private Uni<Integer> round(Instant cutoff, int round, int expiredSoFar) {
        return candidates(cutoff).chain(posts -> Multi.createFrom().iterable(posts.entrySet())
                .onItem().transformToUniAndConcatenate(post -> expire(post.getKey(), post.getValue()))
                .collect().asList()
                .chain(results -> {
                    int expired = expiredSoFar + (int) results.stream().filter(Boolean::booleanValue).count();
                    return posts.size() < config.cleanupBatch() || round + 1 >= MAX_ROUNDS
                            ? Uni.createFrom().item(expired)
                            : round(cutoff, round + 1, expired);
                }));
    }

    private record PostKey(long authorId, long postId) {}

    /** The oldest overdue posts with the raw keys of their media. */
    private Uni<Map<PostKey, List<String>>> candidates(Instant cutoff) {
        return sessions.withSession(session -> session.createNativeQuery("""
                                SELECT author_id, post_id FROM posts
                                WHERE status = 'processing' AND created_at < :cutoff
                                ORDER BY created_at LIMIT :limit""", Object[].class)
                        .setParameter("cutoff", cutoff)
                        .setParameter("limit", config.cleanupBatch())
                        .getResultList()
                        .chain(rows -> {
                            Map<PostKey, List<String>> posts = new LinkedHashMap<>();
                            rows.forEach(row -> posts.put(new PostKey(((Number) row[0]).longValue(), ((Number) row[1]).longValue()),
                                    new ArrayList<>()));
                            if (posts.isEmpty()) {
                                return Uni.createFrom().item(posts);
                            }
                            return session.createNativeQuery("""
                                            SELECT author_id, post_id, object_key FROM media_items
                                            WHERE author_id IN (:authors) AND post_id IN (:posts)""", Object[].class)
                                    .setParameter("authors", posts.keySet().stream().map(PostKey::authorId).distinct().toList())
                                    .setParameter("posts", posts.keySet().stream().map(PostKey::postId).toList())
                                    .getResultList()
                                    .map(items -> {
                                        items.forEach(item -> {
                                            List<String> keys = posts.get(new PostKey(((Number) item[0]).longValue(),
                                                    ((Number) item[1]).longValue()));
                                            if (keys != null) {
                                                keys.add((String) item[2]);
                                            }
                                        });
                                        return posts;
                                    });
                        }));
    }

    /** @return whether this call failed the post */
    private Uni<Boolean> expire(PostKey post, List<String> rawKeys) {
        return rawUploads.retire(rawKeys).chain(allGone -> {
            if (!allGone) {
                return Uni.createFrom().item(false);
            }
            return sessions.withTransaction(session -> session.createNativeQuery("""
                                    UPDATE posts SET status = 'failed', failure_reason = :reason
                                    WHERE author_id = :author AND post_id = :post AND status = 'processing'""")
                            .setParameter("reason", REASON)
                            .setParameter("author", post.authorId())
                            .setParameter("post", post.postId())
                            .executeUpdate()
                            .call(updated -> updated == 0 ? Uni.createFrom().voidItem() : session.createNativeQuery("""
                                            UPDATE media_items SET status = 'failed', failure_reason = :reason
                                            WHERE author_id = :author AND post_id = :post AND status = 'pending'""")
                                    .setParameter("reason", REASON)
                                    .setParameter("author", post.authorId())
                                    .setParameter("post", post.postId())
                                    .executeUpdate())
                            .map(updated -> updated > 0));
        });
    }
}
