package dev.shutter.post.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A post; keyed by its author first so an author's posts sit together. */
@Entity
@Table(name = "posts")
@IdClass(Post.Key.class)
public class Post {

    public static final String PROCESSING = "processing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    public record Key(long authorId, long postId) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }

    @Id
    @Column(name = "author_id")
    public long authorId;

    @Id
    @Column(name = "post_id")
    public long postId;

    @Column(name = "caption")
    public String caption;

    /** Space-separated, lower-case, without '#'. */
    @Column(name = "hashtags")
    public String hashtags;

    @Column(name = "status")
    public String status;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "location_id")
    public Long locationId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "ready_at")
    public Instant readyAt;
}
