package dev.shutter.post.story;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.StoryExpired;
import dev.shutter.post.outbox.Outbox;
import dev.shutter.post.reactive.Columns;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * After the fact only (reads check expiry themselves): writes {@code story.expired} once per
 * expired story (the {@code expired_at IS NULL} guard makes two instances, or a rerun, announce
 * it once), and removes rows {@code row-grace} after expiry (a row deletion policy on Spanner). The
 * media go on the same clock in the media bucket (its lifecycle rule; the media worker locally).
 */
@ApplicationScoped
public class StorySweeper {

    private static final Logger LOG = Logger.getLogger(StorySweeper.class);
    private static final int BATCH = 500;

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final StoriesConfig config;

    StorySweeper(Mutiny.SessionFactory sessions, Outbox outbox, StoriesConfig config) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "${shutter.stories.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        Instant now = Instant.now();
        return announceExpired(now).chain(announced -> removeOld(now.minus(config.rowGrace()))
                .chain(removed -> removeOldViews(now.minus(config.viewsKept())).invoke(views -> {
                    if (announced + removed + views > 0) {
                        LOG.infof("Stories: %d expired, %d old rows and %d old views removed", announced, removed, views);
                    }
                }))).replaceWithVoid();
    }

    /** Writes story.expired for stories past their expiry; returns how many. */
    public Uni<Integer> announceExpired(Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                                SELECT author_id, story_id, expires_at FROM stories
                                WHERE expired_at IS NULL AND expires_at <= :now ORDER BY expires_at LIMIT :limit""", Object[].class)
                        .setParameter("now", now)
                        .setParameter("limit", BATCH)
                        .getResultList())
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> announce(((Number) row[0]).longValue(),
                                ((Number) row[1]).longValue(), Columns.instant(row[2]), now))
                        .collect().asList()
                        .map(done -> (int) done.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> announce(long authorId, long storyId, Instant expiresAt, Instant now) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        UPDATE stories SET expired_at = :now
                        WHERE author_id = :author AND story_id = :story AND expired_at IS NULL""")
                .setParameter("now", now)
                .setParameter("author", authorId)
                .setParameter("story", storyId)
                .executeUpdate()
                .chain(updated -> updated == 0 ? Uni.createFrom().item(false)
                        : outbox.add(session, EventTypes.STORY_EXPIRED, Long.toString(storyId), StoryExpired.newBuilder()
                                .setStoryId(storyId).setAuthorId(authorId).setExpiresAt(StoryMedia.timestamp(expiresAt)).build())
                                .replaceWith(true)));
    }

    /** Removes the rows of stories that expired before {@code cutoff} and were announced. */
    public Uni<Integer> removeOld(Instant cutoff) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        DELETE FROM stories WHERE story_id IN (
                            SELECT story_id FROM stories WHERE expires_at < :cutoff AND expired_at IS NOT NULL LIMIT :limit)""")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", BATCH)
                .executeUpdate());
    }

    /** Removes first-view rows older than {@code cutoff} (a row deletion policy on Spanner). */
    public Uni<Integer> removeOldViews(Instant cutoff) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        DELETE FROM story_views WHERE (viewer_id, story_id) IN (
                            SELECT viewer_id, story_id FROM story_views WHERE viewed_at < :cutoff LIMIT :limit)""")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", BATCH)
                .executeUpdate());
    }
}
