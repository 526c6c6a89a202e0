package dev.shutter.post.story;

import dev.shutter.rest.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * A live story the caller may see, or 404: unknown, not ready, expired (checked against the
 * clock on every read, never left to the sweeper) and not visible all answer the same. The card
 * comes from Redis; a story whose card is missing there (Redis restarted) is read from its row.
 */
@ApplicationScoped
public class StoryLookup {

    static final String NOT_FOUND = "No such story.";

    private final LiveStories live;
    private final StoryRows rows;
    private final StoryAccess access;

    StoryLookup(LiveStories live, StoryRows rows, StoryAccess access) {
        this.live = live;
        this.rows = rows;
        this.access = access;
    }

    /** The caller's own story while it is not ready (processing, failed) and not expired; else null. */
    public Uni<Story> ownUnfinished(long authorId, long storyId) {
        return rows.find(storyId).map(story -> story != null && story.authorId == authorId
                && !Story.READY.equals(story.status) && Instant.now().isBefore(story.expiresAt) ? story : null);
    }

    public Uni<StoryCard> visible(long viewerId, long storyId) {
        return live.card(storyId)
                .chain(card -> card != null ? Uni.createFrom().item(card)
                        : rows.find(storyId).map(story -> story != null && story.liveAt(Instant.now()) ? rows.card(story) : null))
                .chain(card -> {
                    if (card == null || !card.liveAt(Instant.now())) {
                        throw ProblemException.notFound(NOT_FOUND);
                    }
                    Uni<Boolean> allowed = card.authorId() == viewerId ? Uni.createFrom().item(true)
                            : access.canSee(viewerId, card.authorId());
                    return allowed.map(mayView -> {
                        // Checked again after the access query: a story may expire during it.
                        if (!mayView || !card.liveAt(Instant.now())) {
                            throw ProblemException.notFound(NOT_FOUND);
                        }
                        return card;
                    });
                });
    }
}
