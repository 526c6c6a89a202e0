package dev.shutter.post.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.StoryPublished;
import dev.shutter.events.DeadLetterException;
import dev.shutter.post.account.User;
import dev.shutter.post.outbox.Outbox;
import dev.shutter.post.post.RawUploads;
import dev.shutter.post.post.media.MediaVariants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * What the media worker's verdicts on a story's item do: the story becomes ready (and {@code
 * story.published} is written in the same transaction) or failed with the reason. A story settles
 * only from processing ({@code WHERE status = 'processing'}), so a redelivery changes nothing and
 * the story is published exactly once; a verdict after the story expired is ignored.
 */
@ApplicationScoped
public class StoryMedia {

    private static final Logger LOG = Logger.getLogger(StoryMedia.class);
    private static final int MAX_REASON = 500;
    private static final int MAX_BLURHASH = 100;

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final RawUploads rawUploads;
    private final StoriesConfig config;
    private final ObjectMapper json;

    StoryMedia(Mutiny.SessionFactory sessions, Outbox outbox, RawUploads rawUploads, StoriesConfig config, ObjectMapper json) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.rawUploads = rawUploads;
        this.config = config;
        this.json = json;
    }

    /** @return whether the story went live */
    public Uni<Boolean> processed(MediaProcessed event) {
        if (!"image".equals(event.getType()) && !"video".equals(event.getType())) {
            throw new DeadLetterException("media.processed of story media " + event.getMediaId() + " has type '"
                    + event.getType() + "', expected image or video");
        }
        if ("video".equals(event.getType()) && event.getDurationMs() > config.maxVideo().toMillis()) {
            return failed(MediaFailed.newBuilder().setStory(true).setPostId(event.getPostId()).setMediaId(event.getMediaId())
                    .setReason("a story's video may be at most " + config.maxVideo().toSeconds() + " seconds").build());
        }
        String variants = variantsJson(event);
        Instant now = Instant.now();
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                UPDATE stories
                                SET status = 'ready', media_type = :type, width = NULLIF(:width, 0), height = NULLIF(:height, 0),
                                    blurhash = NULLIF(:blurhash, ''), duration_ms = NULLIF(:duration, 0), variants = :variants
                                WHERE story_id = :story AND media_id = :media AND status = 'processing' AND expires_at > :now""")
                        .setParameter("type", event.getType())
                        .setParameter("width", Math.max(0, event.getWidth()))
                        .setParameter("height", Math.max(0, event.getHeight()))
                        .setParameter("blurhash", event.getBlurhash().length() <= MAX_BLURHASH ? event.getBlurhash() : "")
                        .setParameter("duration", Math.max(0L, event.getDurationMs()))
                        .setParameter("variants", variants)
                        .setParameter("story", event.getPostId())
                        .setParameter("media", event.getMediaId())
                        .setParameter("now", now)
                        .executeUpdate()
                        .chain(updated -> updated == 0 ? settledAlready(event.getPostId()) : publish(session, event.getPostId())));
    }

    private Uni<Boolean> publish(Mutiny.Session session, long storyId) {
        return session.createSelectionQuery("from Story where storyId = :story", Story.class)
                .setParameter("story", storyId)
                .getSingleResult()
                .chain(story -> session.find(User.class, story.authorId).chain(author -> outbox.add(session,
                        EventTypes.STORY_PUBLISHED, Long.toString(storyId), StoryPublished.newBuilder()
                                .setStoryId(storyId).setAuthorId(story.authorId)
                                .setCreatedAt(timestamp(story.createdAt)).setExpiresAt(timestamp(story.expiresAt))
                                .setAuthorPrivate(author != null && author.isPrivate).setMediaType(story.mediaType).build())))
                .replaceWith(true);
    }

    /** Marks the story failed with the worker's reason; its raw upload is no use any more. */
    public Uni<Boolean> failed(MediaFailed event) {
        String reason = truncate(event.getReason().isBlank() ? "media could not be processed" : event.getReason());
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                UPDATE stories SET status = 'failed', failure_reason = :reason
                                WHERE story_id = :story AND media_id = :media AND status = 'processing'""")
                        .setParameter("reason", reason)
                        .setParameter("story", event.getPostId())
                        .setParameter("media", event.getMediaId())
                        .executeUpdate()
                        .chain(updated -> updated == 0 ? Uni.createFrom().item(List.<String>of())
                                : session.createNativeQuery("SELECT object_key FROM stories WHERE story_id = :story", String.class)
                                        .setParameter("story", event.getPostId())
                                        .getResultList()))
                .call(rawUploads::retire)
                .map(keys -> false);
    }

    private static Uni<Boolean> settledAlready(long storyId) {
        LOG.debugf("Verdict for story %d ignored: unknown, settled already or expired", storyId);
        return Uni.createFrom().item(false);
    }

    private String variantsJson(MediaProcessed event) {
        try {
            return json.writeValueAsString(MediaVariants.keys(event, MediaVariants.STORY_IMAGE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }
}
