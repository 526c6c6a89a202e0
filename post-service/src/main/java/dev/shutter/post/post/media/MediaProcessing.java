package dev.shutter.post.post.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.contracts.events.EventType;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed.MeanColour;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.events.DeadLetterException;
import dev.shutter.post.account.User;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counters;
import dev.shutter.post.post.MediaItem;
import dev.shutter.post.post.Post;
import dev.shutter.post.post.PostEvents;
import dev.shutter.post.post.RawUploads;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * What the media worker's verdicts do to posts. Events come at least once, possibly several for
 * one post at the same time (one per item), so every step is guarded:
 *
 * <ul>
 *   <li>the post row is locked first ({@code FOR UPDATE}), so the items of one post are settled
 *       one transaction at a time and the last one sees all the others (without it, two items
 *       finishing together could each see the other still pending, and the post would never be
 *       published);
 *   <li>an item changes only from pending ({@code WHERE status = 'pending'}), so a redelivery
 *       finds nothing to do;
 *   <li>the post changes only from processing ({@code WHERE status = 'processing'}), and the post
 *       count and {@code post.published} are written only when that update changed a row, in the
 *       same transaction: a post is counted and published exactly once.
 * </ul>
 */
@ApplicationScoped
public class MediaProcessing {

    private static final Logger LOG = Logger.getLogger(MediaProcessing.class);
    private static final int MAX_REASON = 500;
    private static final int MAX_BLURHASH = 100;
    static final long MAX_VIDEO_MS = 90_000;

    /** What an event changed. */
    public enum Outcome {
        /** No such post or media item (deleted, or never existed): nothing to do. */
        UNKNOWN,
        /** The item was settled already: a redelivery or a late verdict. */
        ALREADY_SETTLED,
        /** The item is settled; the post waits for others (or had already failed). */
        ITEM_SETTLED,
        POST_READY,
        POST_FAILED
    }

    private final Mutiny.SessionFactory sessions;
    private final Counters counters;
    private final PostEvents events;
    private final RawUploads rawUploads;
    private final ObjectMapper json;

    MediaProcessing(Mutiny.SessionFactory sessions, Counters counters, PostEvents events, RawUploads rawUploads,
            ObjectMapper json) {
        this.sessions = sessions;
        this.counters = counters;
        this.events = events;
        this.rawUploads = rawUploads;
        this.json = json;
    }

    public Uni<Outcome> processed(MediaProcessed event) {
        if (!"image".equals(event.getType()) && !"video".equals(event.getType())) {
            // A worker bug; retrying cannot help, and the dead-letter topic makes it visible.
            throw new DeadLetterException("media.processed of media " + event.getMediaId() + " has type '"
                    + event.getType() + "', expected image or video");
        }
        if ("video".equals(event.getType()) && event.getDurationMs() > MAX_VIDEO_MS) {
            // The API's limit; only the worker can measure a video, so it is enforced on its verdict.
            return failed(MediaFailed.newBuilder().setPostId(event.getPostId()).setMediaId(event.getMediaId())
                    .setReason("video is longer than " + MAX_VIDEO_MS / 1000 + " seconds").build());
        }
        String variants = variantsJson(event);
        return sessions.withTransaction(session -> lockedPostOf(session, event.getPostId(), event.getMediaId())
                .chain(post -> {
                    if (post == null) {
                        return unknown(EventTypes.MEDIA_PROCESSED, event.getPostId(), event.getMediaId());
                    }
                    return session.createNativeQuery("""
                                    UPDATE media_items
                                    SET status = 'ready', media_type = :type, width = NULLIF(:width, 0),
                                        height = NULLIF(:height, 0), blurhash = NULLIF(:blurhash, ''),
                                        duration_ms = NULLIF(:duration, 0), variants = :variants,
                                        mean_red = NULLIF(CAST(:red AS real), -1), mean_green = NULLIF(CAST(:green AS real), -1),
                                        mean_blue = NULLIF(CAST(:blue AS real), -1)
                                    WHERE author_id = :author AND post_id = :post AND media_id = :media AND status = 'pending'""")
                            .setParameter("type", event.getType())
                            // Absent proto fields read as 0 / "": stored as NULL, never as a zero size.
                            .setParameter("width", Math.max(0, event.getWidth()))
                            .setParameter("height", Math.max(0, event.getHeight()))
                            // A blurhash is a nicety: one too long for its column is dropped, not worth a stuck post.
                            .setParameter("blurhash", event.getBlurhash().length() <= MAX_BLURHASH ? event.getBlurhash() : "")
                            .setParameter("duration", Math.max(0L, event.getDurationMs()))
                            .setParameter("variants", variants)
                            // Photos only; an older worker's event has none: NULL (-1 here), not black.
                            .setParameter("red", colour(event, MeanColour::getRed))
                            .setParameter("green", colour(event, MeanColour::getGreen))
                            .setParameter("blue", colour(event, MeanColour::getBlue))
                            .setParameter("author", post.authorId)
                            .setParameter("post", post.postId)
                            .setParameter("media", event.getMediaId())
                            .executeUpdate()
                            .chain(updated -> {
                                if (updated == 0) {
                                    return Uni.createFrom().item(Outcome.ALREADY_SETTLED);
                                }
                                if (!Post.PROCESSING.equals(post.status)) {
                                    return Uni.createFrom().item(Outcome.ITEM_SETTLED);
                                }
                                return publishIfComplete(session, post);
                            });
                }));
    }

    private Uni<Outcome> publishIfComplete(Mutiny.Session session, Post post) {
        return session.createNativeQuery("""
                        SELECT count(*) FROM media_items
                        WHERE author_id = :author AND post_id = :post AND status <> 'ready'""", Long.class)
                .setParameter("author", post.authorId)
                .setParameter("post", post.postId)
                .getSingleResult()
                .chain(unfinished -> {
                    if (unfinished > 0) {
                        return Uni.createFrom().item(Outcome.ITEM_SETTLED);
                    }
                    return session.createNativeQuery("""
                                    UPDATE posts SET status = 'ready', ready_at = :now
                                    WHERE author_id = :author AND post_id = :post AND status = 'processing'""")
                            .setParameter("now", Instant.now())
                            .setParameter("author", post.authorId)
                            .setParameter("post", post.postId)
                            .executeUpdate()
                            .chain(updated -> updated == 0
                                    ? Uni.createFrom().item(Outcome.ITEM_SETTLED)
                                    : session.find(User.class, post.authorId)
                                            .call(() -> counters.add(session, post.authorId, CounterName.POSTS, 1))
                                            .call(author -> counters.read(session, post.authorId).chain(counts ->
                                                    firstMedia(session, post).chain(first ->
                                                            events.published(session, post, first,
                                                                    author != null && author.isPrivate,
                                                                    counts.get(CounterName.FOLLOWERS)))))
                                            .replaceWith(Outcome.POST_READY));
                });
    }

    /** What Explore's item tower reads of the post's first media item. */
    private static Uni<PostEvents.FirstMedia> firstMedia(Mutiny.Session session, Post post) {
        return session.createNativeQuery("""
                        SELECT media_type, mean_red, mean_green, mean_blue FROM media_items
                        WHERE author_id = :author AND post_id = :post AND position = 0""", Object[].class)
                .setParameter("author", post.authorId)
                .setParameter("post", post.postId)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return new PostEvents.FirstMedia(false, null);
                    }
                    Object[] row = rows.getFirst();
                    boolean video = "video".equals(row[0]);
                    float[] colour = video || row[1] == null ? null : new float[] {
                        ((Number) row[1]).floatValue(), ((Number) row[2]).floatValue(), ((Number) row[3]).floatValue()};
                    return new PostEvents.FirstMedia(video, colour);
                });
    }

    /**
     * Marks the item and its post failed with the worker's reason. Once the post has failed its
     * raw uploads are no use: they are deleted after the commit (best effort; the raw bucket's
     * lifecycle rule catches what is left).
     */
    public Uni<Outcome> failed(MediaFailed event) {
        String reason = truncate(event.getReason().isBlank() ? "media could not be processed" : event.getReason());
        return sessions.withTransaction(session -> lockedPostOf(session, event.getPostId(), event.getMediaId())
                        .chain(post -> post == null
                                ? unknown(EventTypes.MEDIA_FAILED, event.getPostId(), event.getMediaId()).map(Settled::nothingToDelete)
                                : failItem(session, post, event.getMediaId(), reason)))
                .call(settled -> rawUploads.retire(settled.rawKeysToDelete()))
                .map(Settled::outcome);
    }

    private record Settled(Outcome outcome, List<String> rawKeysToDelete) {
        static Settled nothingToDelete(Outcome outcome) {
            return new Settled(outcome, List.of());
        }
    }

    private static Uni<Settled> failItem(Mutiny.Session session, Post post, long mediaId, String reason) {
        return session.createNativeQuery("""
                        UPDATE media_items SET status = 'failed', failure_reason = :reason
                        WHERE author_id = :author AND post_id = :post AND media_id = :media AND status = 'pending'""")
                .setParameter("reason", reason)
                .setParameter("author", post.authorId)
                .setParameter("post", post.postId)
                .setParameter("media", mediaId)
                .executeUpdate()
                .chain(updated -> updated == 0
                        ? Uni.createFrom().item(Settled.nothingToDelete(Outcome.ALREADY_SETTLED))
                        : session.createNativeQuery("""
                                        UPDATE posts SET status = 'failed', failure_reason = :reason
                                        WHERE author_id = :author AND post_id = :post AND status = 'processing'""")
                                .setParameter("reason", reason)
                                .setParameter("author", post.authorId)
                                .setParameter("post", post.postId)
                                .executeUpdate()
                                .chain(failed -> failed == 0
                                        ? Uni.createFrom().item(Settled.nothingToDelete(Outcome.ITEM_SETTLED))
                                        : session.createNativeQuery(
                                                        "SELECT object_key FROM media_items WHERE author_id = :author AND post_id = :post",
                                                        String.class)
                                                .setParameter("author", post.authorId)
                                                .setParameter("post", post.postId)
                                                .getResultList()
                                                .map(keys -> new Settled(Outcome.POST_FAILED, keys))));
    }

    /** The post of the media item, locked for this transaction; null when either is unknown. */
    private static Uni<Post> lockedPostOf(Mutiny.Session session, long postId, long mediaId) {
        return session.createSelectionQuery("from MediaItem where mediaId = :media", MediaItem.class)
                .setParameter("media", mediaId)
                .getSingleResultOrNull()
                .chain(item -> item == null || item.postId != postId
                        ? Uni.createFrom().nullItem()
                        : session.createNativeQuery("SELECT * FROM posts WHERE author_id = :author AND post_id = :post FOR UPDATE",
                                        Post.class)
                                .setParameter("author", item.authorId)
                                .setParameter("post", postId)
                                .getSingleResultOrNull());
    }

    private static Uni<Outcome> unknown(EventType<?> type, long postId, long mediaId) {
        // A post deleted while its media were processed ends here too: acknowledge, nothing to do.
        LOG.infof("%s for unknown post %d / media %d ignored", type, postId, mediaId);
        return Uni.createFrom().item(Outcome.UNKNOWN);
    }

    private String variantsJson(MediaProcessed event) {
        Map<String, String> keys = MediaVariants.keys(event, MediaVariants.POST_IMAGE);
        try {
            return json.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    /** One channel of the event's mean colour, clamped to [0, 1]; -1 (stored as NULL) when the event has none. */
    private static double colour(MediaProcessed event, java.util.function.Function<MeanColour, Float> channel) {
        if (!event.hasMeanColour()) {
            return -1;
        }
        float value = channel.apply(event.getMeanColour());
        return Float.isFinite(value) ? Math.clamp(value, 0f, 1f) : -1;
    }
}
