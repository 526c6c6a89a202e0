package dev.shutter.post.story;

import dev.shutter.events.CallerContext;
import dev.shutter.post.erasure.ErasureStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Erasure of an account's stories (the media worker removes their media on {@code user.erased}):
 * the tray index and cards, its stories' viewers, the account among the viewers of others'
 * stories (found through its seen set and its {@code story_views} rows), then the rows: its
 * stories, its views and the views of its stories. Redis first, so a rerun after a crash still
 * finds the story IDs in the rows. HyperLogLog counts cannot forget one member: the erased viewer
 * stays in the estimate of a story past 5,000 viewers, as a number only.
 */
@ApplicationScoped
public class StoryErasure implements ErasureStep {

    private final Mutiny.SessionFactory sessions;
    private final LiveStories live;
    private final Redis redis;

    StoryErasure(Mutiny.SessionFactory sessions, LiveStories live, Redis redis) {
        this.sessions = sessions;
        this.live = live;
        this.redis = redis;
    }

    @Override
    public String store() {
        return "stories";
    }

    @Override
    public Uni<Long> erase(long userId) {
        return ownStories(userId)
                .chain(stories -> live.removeAuthor(userId)
                        .chain(() -> forgetViewsOf(userId))
                        .chain(views -> CallerContext.resumeOnCaller(dropViewers(stories))
                                .chain(() -> deleteRows(userId))
                                .map(rows -> rows + views)));
    }

    private Uni<List<Long>> ownStories(long userId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT story_id FROM stories WHERE author_id = :author", Long.class)
                .setParameter("author", userId)
                .getResultList());
    }

    /** Removes the account from the viewers of every story it viewed; returns how many. */
    private Uni<Long> forgetViewsOf(long userId) {
        String seen = StoryKeys.seen(userId);
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT story_id FROM story_views WHERE viewer_id = :viewer", Long.class)
                        .setParameter("viewer", userId)
                        .getResultList())
                .chain(logged -> CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.ZRANGE).arg(seen).arg(0).arg(-1))
                        .chain(inSeenSet -> {
                            Set<Long> viewed = new HashSet<>(logged);
                            inSeenSet.forEach(story -> viewed.add(story.toLong()));
                            List<Request> removals = new ArrayList<>();
                            viewed.forEach(story -> removals.add(Request.cmd(Command.ZREM).arg(StoryKeys.viewers(story))
                                    .arg(userId)));
                            removals.add(Request.cmd(Command.DEL).arg(seen));
                            return redis.batch(removals).replaceWith((long) viewed.size());
                        })));
    }

    private Uni<Void> dropViewers(List<Long> stories) {
        if (stories.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> deletes = new ArrayList<>();
        stories.forEach(story -> {
            deletes.add(Request.cmd(Command.DEL).arg(StoryKeys.viewers(story)));
            deletes.add(Request.cmd(Command.DEL).arg(StoryKeys.viewerCount(story)));
            deletes.add(Request.cmd(Command.DEL).arg(StoryKeys.trimmed(story)));
        });
        return redis.batch(deletes).replaceWithVoid();
    }

    private Uni<Long> deleteRows(long userId) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "DELETE FROM story_views WHERE viewer_id = :user OR author_id = :user")
                .setParameter("user", userId)
                .executeUpdate()
                .chain(views -> session.createNativeQuery("DELETE FROM stories WHERE author_id = :author")
                        .setParameter("author", userId)
                        .executeUpdate()
                        .map(stories -> (long) stories + views)));
    }
}
