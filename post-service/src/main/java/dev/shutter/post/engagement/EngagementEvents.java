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
        Engagement payload = Engagement.newBuilder()
                .setPostId(postId)
                .setAuthorId(authorId)
                .setUserId(userId)
                .setAction(action)
                .setAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .build();
        // Keyed by the post: one post's engagement stays in order for whoever aggregates it.
        return outbox.add(session, EventTypes.ENGAGEMENT, Long.toString(postId), payload, at);
    }
}
