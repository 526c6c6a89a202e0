package dev.shutter.post.post;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import org.hibernate.reactive.mutiny.Mutiny;

/** Announces a post's publication and deletion, in the transaction that makes the change. */
@ApplicationScoped
public class PostEvents {

    private final Outbox outbox;

    PostEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The post's first media item as Explore's item tower reads it; {@code meanColour} null for a video or none. */
    public record FirstMedia(boolean video, float[] meanColour) {}

    public Uni<Void> published(Mutiny.Session session, Post post, FirstMedia first, boolean authorPrivate,
            long authorFollowers) {
        long postId = post.postId;
        Instant createdAt = post.createdAt;
        String hashtags = post.hashtags;
        PostPublished.Builder payload = PostPublished.newBuilder()
                .setPostId(postId)
                .setAuthorId(post.authorId)
                .setCreatedAt(Timestamp.newBuilder().setSeconds(createdAt.getEpochSecond()).setNanos(createdAt.getNano()))
                .setAuthorPrivate(authorPrivate)
                .setAuthorFollowerCount(authorFollowers)
                .setCaption(post.caption == null ? "" : post.caption)
                .setVideo(first.video());
        if (first.meanColour() != null) {
            payload.setMeanColour(MediaProcessed.MeanColour.newBuilder().setRed(first.meanColour()[0])
                    .setGreen(first.meanColour()[1]).setBlue(first.meanColour()[2]));
        }
        if (hashtags != null && !hashtags.isBlank()) {
            payload.addAllHashtags(Arrays.asList(hashtags.split(" ")));
        }
        // Keyed by the post: its published and deleted events stay in order for every consumer.
        return outbox.add(session, EventTypes.POST_PUBLISHED, Long.toString(postId), payload.build());
    }

    public Uni<Void> deleted(Mutiny.Session session, long postId, long authorId, long authorFollowers, boolean accountErased) {
        PostDeleted payload = PostDeleted.newBuilder().setPostId(postId).setAuthorId(authorId)
                .setAuthorFollowerCount(authorFollowers).setAccountErased(accountErased).build();
        return outbox.add(session, EventTypes.POST_DELETED, Long.toString(postId), payload);
    }
}
