package dev.shutter.post.story;

import dev.shutter.events.CallerContext;
import dev.shutter.post.reactive.Columns;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Puts the stories' Redis side back from the rows when Redis has lost it (a restart without
 * persistence, a failover to an empty replica): the tray index and cards of every live story of
 * an active account, and from {@code story_views} their viewers and the viewers' seen sets. Redis
 * holds a marker while its index is whole ({@link StoryKeys#indexBuilt}); each sweep interval one
 * read checks it, and only its absence starts a rebuild, in batches, after which the marker is
 * set. Everything written is idempotent, so a story published meanwhile, or two instances
 * rebuilding at once, change nothing; reads still check expiry and access themselves.
 */
@ApplicationScoped
public class StoryIndexRepair {

    private static final Logger LOG = Logger.getLogger(StoryIndexRepair.class);
    private static final int BATCH = 500;

    private final Mutiny.SessionFactory sessions;
    private final StoryRows rows;
    private final LiveStories live;
    private final StoryViews views;
    private final Redis redis;

    StoryIndexRepair(Mutiny.SessionFactory sessions, StoryRows rows, LiveStories live, StoryViews views, Redis redis) {
        this.sessions = sessions;
        this.rows = rows;
        this.live = live;
        this.views = views;
        this.redis = redis;
    }

    @Scheduled(every = "${shutter.stories.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.EXISTS).arg(StoryKeys.indexBuilt())))
                .chain(built -> built.toInteger() == 1 ? Uni.createFrom().voidItem()
                        : rebuild().invoke(stories -> LOG.infof("Story index rebuilt from the rows: %d live stories", stories))
                                .replaceWithVoid())
                .onFailure().invoke(e -> LOG.warnf("Story index check failed (retried next round): %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Rebuilds from the rows and sets the marker; returns how many live stories it put back. */
    public Uni<Integer> rebuild() {
        Instant now = Instant.now();
        return batchesFrom(0, now, 0)
                .call(() -> CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.SET).arg(StoryKeys.indexBuilt()).arg("1"))));
    }

    private Uni<Integer> batchesFrom(long afterStoryId, Instant now, int doneSoFar) {
        return liveStories(afterStoryId, now).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(doneSoFar);
            }
            long last = batch.getLast().storyId();
            return restore(batch, now).chain(() -> batchesFrom(last, now, doneSoFar + batch.size()));
        });
    }

    /** The next batch of live stories of active accounts, by story ID. */
    private Uni<List<StoryCard>> liveStories(long afterStoryId, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                                SELECT s.story_id FROM stories s JOIN users u ON u.user_id = s.author_id
                                WHERE s.status = 'ready' AND s.expires_at > :now AND s.story_id > :after
                                  AND u.erasure_requested_at IS NULL
                                ORDER BY s.story_id LIMIT :limit""", Long.class)
                        .setParameter("now", now)
                        .setParameter("after", afterStoryId)
                        .setParameter("limit", BATCH)
                        .getResultList()
                        .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Story>of())
                                : session.createSelectionQuery("from Story where storyId in :ids order by storyId", Story.class)
                                        .setParameter("ids", ids)
                                        .getResultList()))
                .map(stories -> stories.stream().map(rows::card).toList());
    }

    private Uni<Void> restore(List<StoryCard> cards, Instant now) {
        Uni<Void> indexed = Uni.join().all(cards.stream().map(live::add).toList()).andFailFast().replaceWithVoid();
        return indexed.chain(() -> restoreViews(cards.stream().collect(Collectors.toMap(StoryCard::storyId, Function.identity())),
                Long.MIN_VALUE, Long.MIN_VALUE, now));
    }

    /** The first views of these stories, from their rows, in pages keyed by (story, viewer). */
    private Uni<Void> restoreViews(Map<Long, StoryCard> cards, long afterStory, long afterViewer, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT story_id, viewer_id, viewed_at FROM story_views
                        WHERE story_id IN (:stories) AND (story_id, viewer_id) > (:afterStory, :afterViewer)
                        ORDER BY story_id, viewer_id LIMIT :limit""", Object[].class)
                .setParameter("stories", cards.keySet())
                .setParameter("afterStory", afterStory)
                .setParameter("afterViewer", afterViewer)
                .setParameter("limit", BATCH * 10)
                .getResultList()).chain(page -> {
                    if (page.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Request> calls = new ArrayList<>();
                    for (Object[] row : page) {
                        StoryCard card = cards.get(((Number) row[0]).longValue());
                        calls.addAll(views.calls(((Number) row[1]).longValue(), card,
                                Columns.instant(row[2]).toEpochMilli(), now.toEpochMilli()));
                    }
                    Object[] last = page.getLast();
                    return views.run(calls).chain(() -> restoreViews(cards, ((Number) last[0]).longValue(),
                            ((Number) last[1]).longValue(), now));
                });
    }
}
