package dev.shutter.explore.user;

import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.explore.ExploreKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's recent engagements (likes, saves, comments), newest first, in Redis: the user
 * tower's history and the "already engaged with" filter. A change makes the user's embedding
 * stale (it is deleted, and recomputed on the next request). Idempotent: a replayed like moves
 * the post to the front once.
 */
@ApplicationScoped
public class UserHistory {

    /** An idle user's history goes after this. */
    static final Duration KEPT_FOR = Duration.ofDays(30);

    private final Redis redis;
    private final ExploreConfig config;

    UserHistory(Redis redis, ExploreConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<Void> record(Engagement event) {
        String key = ExploreKeys.history(event.getUserId());
        String post = Long.toString(event.getPostId());
        List<Request> commands = new ArrayList<>();
        switch (event.getAction()) {
            case LIKE, SAVE, COMMENT -> {
                commands.add(Request.cmd(Command.LREM).arg(key).arg(0).arg(post));
                commands.add(Request.cmd(Command.LPUSH).arg(key).arg(post));
                commands.add(Request.cmd(Command.LTRIM).arg(key).arg(0).arg(config.engagedKept() - 1));
                commands.add(Request.cmd(Command.EXPIRE).arg(key).arg(KEPT_FOR.toSeconds()));
            }
            case UNLIKE, UNSAVE -> commands.add(Request.cmd(Command.LREM).arg(key).arg(0).arg(post));
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
        commands.add(Request.cmd(Command.DEL).arg(ExploreKeys.userEmbedding(event.getUserId())));
        return redis.batch(commands).replaceWithVoid();
    }

    /** The user's engaged posts, newest first (at most {@code shutter.explore.engaged-kept}). */
    public Uni<List<Long>> recent(long userId) {
        return redis.send(Request.cmd(Command.LRANGE).arg(ExploreKeys.history(userId)).arg(0).arg(config.engagedKept() - 1))
                .map(UserHistory::ids);
    }

    /** Everything Explore keeps about the user. */
    public Uni<Void> erase(long userId) {
        return redis.send(Request.cmd(Command.DEL).arg(ExploreKeys.history(userId)).arg(ExploreKeys.userEmbedding(userId))
                .arg(ExploreKeys.rankedList(userId))).replaceWithVoid();
    }

    private static List<Long> ids(Response list) {
        List<Long> ids = new ArrayList<>();
        if (list != null) {
            for (Response item : list) {
                ids.add(Long.parseLong(item.toString()));
            }
        }
        return ids;
    }
}
