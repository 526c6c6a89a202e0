package dev.shutter.explore.user;

import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.contracts.redis.SharedRedisKeys;
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
 * A user's recent engagements (likes, saves, comments, and story views, which count as engaging
 * with the story author's newest post), newest first, in Redis: the user
 * tower's history and the "already engaged with" filter. Each post also knows who engaged with
 * it ({@link ExploreKeys#engagers}), so a deleted post leaves every history it is in, and an
 * erased user leaves every post's engagers: the two stay each other's mirror (a post trimmed off
 * a history leaves its engagers too). A change makes the user's embedding stale (it is deleted,
 * and recomputed on the next request). Idempotent: a replayed like moves the post to the front
 * once. One key per command, so it runs on a Redis cluster as well.
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
        long userId = event.getUserId();
        String key = ExploreKeys.history(userId);
        String post = Long.toString(event.getPostId());
        String user = Long.toString(userId);
        String engagers = ExploreKeys.engagers(event.getPostId());
        Request staleEmbedding = Request.cmd(Command.DEL).arg(ExploreKeys.userEmbedding(userId));
        return switch (event.getAction()) {
            case LIKE, SAVE, COMMENT, STORY_VIEW -> redis.batch(List.of(
                            Request.cmd(Command.LREM).arg(key).arg(0).arg(post),
                            Request.cmd(Command.LPUSH).arg(key).arg(post),
                            Request.cmd(Command.EXPIRE).arg(key).arg(KEPT_FOR.toSeconds()),
                            Request.cmd(Command.SADD).arg(engagers).arg(user),
                            Request.cmd(Command.EXPIRE).arg(engagers).arg(KEPT_FOR.toSeconds()),
                            staleEmbedding,
                            Request.cmd(Command.LRANGE).arg(key).arg(config.engagedKept()).arg(-1)))
                    .chain(answers -> trim(userId, ids(answers.getLast())));
            case UNLIKE, UNSAVE -> redis.batch(List.of(Request.cmd(Command.LREM).arg(key).arg(0).arg(post),
                    Request.cmd(Command.SREM).arg(engagers).arg(user), staleEmbedding)).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    /** The user's engaged posts, newest first (at most {@code shutter.explore.engaged-kept}). */
    public Uni<List<Long>> recent(long userId) {
        return redis.send(Request.cmd(Command.LRANGE).arg(ExploreKeys.history(userId)).arg(0).arg(config.engagedKept() - 1))
                .map(UserHistory::ids);
    }

    /** The post leaves every history it is in, and its engagement score goes. */
    public Uni<Void> postDeleted(long postId) {
        String engagers = ExploreKeys.engagers(postId);
        return redis.send(Request.cmd(Command.SMEMBERS).arg(engagers)).chain(members -> {
            List<Request> commands = new ArrayList<>();
            for (long userId : ids(members)) {
                commands.add(Request.cmd(Command.LREM).arg(ExploreKeys.history(userId)).arg(0).arg(postId));
                commands.add(Request.cmd(Command.DEL).arg(ExploreKeys.userEmbedding(userId)));
                commands.add(Request.cmd(Command.DEL).arg(ExploreKeys.rankedList(userId)));
            }
            commands.add(Request.cmd(Command.DEL).arg(engagers));
            commands.add(Request.cmd(Command.DEL).arg(SharedRedisKeys.engagement(postId)));
            return redis.batch(commands).replaceWithVoid();
        });
    }

    /** Everything Explore keeps about the user; how many keys and entries went. */
    public Uni<Long> erase(long userId) {
        return redis.send(Request.cmd(Command.LRANGE).arg(ExploreKeys.history(userId)).arg(0).arg(-1)).chain(history -> {
            List<Long> posts = ids(history);
            List<Request> commands = new ArrayList<>();
            posts.forEach(postId -> commands.add(Request.cmd(Command.SREM).arg(ExploreKeys.engagers(postId)).arg(userId)));
            commands.add(Request.cmd(Command.DEL).arg(ExploreKeys.history(userId)).arg(ExploreKeys.userEmbedding(userId))
                    .arg(ExploreKeys.rankedList(userId)));
            return redis.batch(commands).map(answers -> (long) posts.size() + answers.getLast().toLong());
        });
    }

    /** Posts past the history's length leave it, and it leaves their engagers. */
    private Uni<Void> trim(long userId, List<Long> past) {
        if (past.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> commands = new ArrayList<>();
        commands.add(Request.cmd(Command.LTRIM).arg(ExploreKeys.history(userId)).arg(0).arg(config.engagedKept() - 1));
        past.forEach(postId -> commands.add(Request.cmd(Command.SREM).arg(ExploreKeys.engagers(postId)).arg(userId)));
        return redis.batch(commands).replaceWithVoid();
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
