package dev.shutter.post.story;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A story and its one media item; keyed by its author first, as posts are. */
@Entity
@Table(name = "stories")
@IdClass(Story.Key.class)
public class Story {

    public static final String PROCESSING = "processing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    public record Key(long authorId, long storyId) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }

    @Id
    @Column(name = "author_id")
    public long authorId;

    @Id
    @Column(name = "story_id")
    public long storyId;

    @Column(name = "media_id")
    public long mediaId;

    @Column(name = "mime_type")
    public String mimeType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "status")
    public String status;

    @Column(name = "media_type")
    public String mediaType;

    @Column(name = "width")
    public Integer width;

    @Column(name = "height")
    public Integer height;

    @Column(name = "blurhash")
    public String blurhash;

    @Column(name = "duration_ms")
    public Long durationMs;

    /** JSON object of variant name to object key ({@code story}, {@code thumb}, ... or {@code hls}, {@code poster}). */
    @Column(name = "variants")
    public String variants;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When {@code story.expired} was written; null before. */
    @Column(name = "expired_at")
    public Instant expiredAt;

    public boolean liveAt(Instant now) {
        return READY.equals(status) && now.isBefore(expiresAt);
    }
}
