package dev.shutter.post.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One photo or video of a post, from the signed upload to its processed variants. */
@Entity
@Table(name = "media_items")
@IdClass(MediaItem.Key.class)
public class MediaItem {

    public static final String PENDING = "pending";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    public record Key(long authorId, long postId, long mediaId) implements Serializable {
        public Key() {
            this(0, 0, 0);
        }
    }

    @Id
    @Column(name = "author_id")
    public long authorId;

    @Id
    @Column(name = "post_id")
    public long postId;

    @Id
    @Column(name = "media_id")
    public long mediaId;

    @Column(name = "position")
    public short position;

    @Column(name = "mime_type")
    public String mimeType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    /** Where the client uploads the original, in the raw bucket. */
    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "status")
    public String status;

    /** "image" or "video", once processed. */
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

    /** JSON object of variant name to object key in the media bucket (and "hls", "poster" for videos). */
    @Column(name = "variants")
    public String variants;

    @Column(name = "failure_reason")
    public String failureReason;
}
