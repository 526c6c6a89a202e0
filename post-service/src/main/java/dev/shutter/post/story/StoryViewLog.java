package dev.shutter.post.story;

import dev.shutter.post.engagement.EngagementEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The durable side of a first view: a {@code story_views} row and, in its transaction, a
 * {@code STORY_VIEW} engagement event for explore-service's user embeddings (the ml-models export
 * reads the rows). A story is no item to learn from, so the view counts as an interaction with its
 * author's newest ready post; an author with none gives a row and no event. The row's key makes
 * both exactly-once: a retried view, after a crash between this and Redis, inserts nothing.
 */
@ApplicationScoped
public class StoryViewLog {

    private final Mutiny.SessionFactory sessions;
    private final EngagementEvents events;

    StoryViewLog(Mutiny.SessionFactory sessions, EngagementEvents events) {
        this.sessions = sessions;
        this.events = events;
    }

    public Uni<Void> firstView(long viewerId, StoryCard card, Instant at) {
        return sessions.withTransaction(session -> newestReadyPost(session, card.authorId())
                .chain(post -> session.createNativeQuery("""
                                INSERT INTO story_views (viewer_id, story_id, author_id, post_id, viewed_at)
                                VALUES (:viewer, :story, :author, :post, :at) ON CONFLICT (viewer_id, story_id) DO NOTHING""")
                        .setParameter("viewer", viewerId)
                        .setParameter("story", card.storyId())
                        .setParameter("author", card.authorId())
                        .setParameter("post", post)
                        .setParameter("at", at)
                        .executeUpdate()
                        .chain(inserted -> inserted == 0 || post == null ? Uni.createFrom().voidItem()
                                : events.addStoryView(session, post, card.authorId(), viewerId, card.storyId(), at))));
    }

    private static Uni<Long> newestReadyPost(Mutiny.Session session, long authorId) {
        // Post IDs grow with time, so the primary key's order is the posting order.
        return session.createNativeQuery("""
                        SELECT post_id FROM posts WHERE author_id = :author AND status = 'ready'
                        ORDER BY post_id DESC LIMIT 1""", Long.class)
                .setParameter("author", authorId)
                .getResultList()
                .map(ids -> ids.isEmpty() ? null : ids.getFirst());
    }
}
