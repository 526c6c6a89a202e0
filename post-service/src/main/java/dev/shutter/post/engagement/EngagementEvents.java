package dev.shutter.post.engagement;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.post.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;

/** Announces each change of a post's engagement as an `engagement` event, in the change's transaction. */
@ApplicationScoped
public class EngagementEvents {

    private final Outbox outbox;

    EngagementEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> add(Mutiny.Session session, Engagement.Action action, long postId, long authorId, long userId, Instant at) {
        return add(session, event(action, postId, authorId, userId, at).build(), at);
    }

    /** A comment written or deleted: names the comment, so that notifications can read its text and take it back. */
    public Uni<Void> addComment(Mutiny.Session session, Engagement.Action action, long postId, long authorId, long userId,
            long commentId, Instant at) {
        return add(session, event(action, postId, authorId, userId, at).setCommentId(commentId).build(), at);
    }

    /** A first view of a story, as an interaction with {@code postId}, its author's newest ready post. */
    public Uni<Void> addStoryView(Mutiny.Session session, long postId, long authorId, long viewerId, long storyId, Instant at) {
        return add(session, event(Engagement.Action.STORY_VIEW, postId, authorId, viewerId, at).setStoryId(storyId).build(), at);
    }

    private Uni<Void> add(Mutiny.Session session, Engagement payload, Instant at) {
        // Keyed by the post: one post's engagement stays in order for whoever aggregates it.
        return outbox.add(session, EventTypes.ENGAGEMENT, Long.toString(payload.getPostId()), payload, at);
    }

    private static Engagement.Builder event(Engagement.Action action, long postId, long authorId, long userId, Instant at) {
        return Engagement.newBuilder()
                .setPostId(postId)
                .setAuthorId(authorId)
                .setUserId(userId)
                .setAction(action)
                .setAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
    }
}
