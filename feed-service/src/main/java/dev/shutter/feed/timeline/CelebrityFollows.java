package dev.shutter.feed.timeline;

import dev.shutter.redis.RedisScript;
import dev.shutter.feed.config.FeedConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The celebrities each reader follows ({@code celebs:{userId}}), whose posts are pulled at read
 * time. Kept current by {@code follow.changed}, and read again from post-service when it expires
 * ({@code celebrity-list-ttl}), which also catches accounts that crossed the threshold since.
 */
@ApplicationScoped
public class CelebrityFollows {

    private static final RedisScript REPLACE = new RedisScript("""
            redis.call('DEL', KEYS[1])
            redis.call('SADD', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1""");

    private final Redis redis;
    private final FeedConfig config;

    CelebrityFollows(Redis redis, FeedConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The reader's followed celebrities; empty when the list is missing and must be read again. */
    public Uni<Optional<List<Long>>> of(long userId) {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(TimelineKeys.celebrities(userId))).map(members -> {
            List<Long> celebrities = new ArrayList<>();
            boolean built = false;
            for (Response member : members) {
                String id = member.toString();
                if (TimelineKeys.BUILT.equals(id)) {
                    built = true;
                } else {
                    celebrities.add(Long.parseLong(id));
                }
            }
            return built ? Optional.of(celebrities) : Optional.empty();
        });
    }

    public Uni<Void> replace(long userId, Collection<Long> celebrities) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(config.celebrityListTtl().toMillis()));
        args.add(TimelineKeys.BUILT);
        celebrities.forEach(id -> args.add(id.toString()));
        return REPLACE.send(redis, REPLACE.call(TimelineKeys.celebrities(userId), args))
                .replaceWithVoid();
    }

    /** Adds a followed celebrity to a list that exists (a missing one is read whole on next use). */
    public Uni<Void> add(long userId, long celebrityId) {
        return ExistingSet.add(redis, TimelineKeys.celebrities(userId), celebrityId);
    }

    public Uni<Void> remove(long userId, long celebrityId) {
        return redis.send(Request.cmd(Command.SREM).arg(TimelineKeys.celebrities(userId)).arg(celebrityId)).replaceWithVoid();
    }
}
