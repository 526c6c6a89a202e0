package dev.shutter.feed.timeline;

import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.redis.RedisScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * The newest {@code follow.changed} applied to each of a reader's edges ({@link
 * TimelineKeys#followVersions}, followee → "version:state"; erasure deletes it with the reader's keys), so that a change delivered late (a
 * follow retried after the unfollow that followed it) is ignored, and when two of one edge run at
 * once, the last to finish applies the newest state again.
 */
@ApplicationScoped
public class FollowVersions {

    /** Kept this long after the reader's last follow change: longer than any redelivery or dead-letter replay. */
    static final Duration KEPT = Duration.ofDays(30);

    /** KEYS[1] the reader's versions; ARGV: followee, version, state, ttl ms. 1 when the change is not older than the newest. */
    private static final RedisScript ADVANCE = new RedisScript("""
            local held = redis.call('HGET', KEYS[1], ARGV[1])
            if held then
              local version = tonumber(string.match(held, '^(%d+):'))
              if version > tonumber(ARGV[2]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1""");

    private final Redis redis;

    FollowVersions(Redis redis) {
        this.redis = redis;
    }

    public record Applied(long version, FollowChanged.State state) {}

    /** Records the change unless a newer one of the edge was applied; answers whether to apply it. */
    public Uni<Boolean> advance(FollowChanged change) {
        return ADVANCE.send(redis, ADVANCE.call(TimelineKeys.followVersions(change.getFollowerId()), Long.toString(change.getFolloweeId()),
                        Long.toString(change.getVersion()), change.getState().name(), Long.toString(KEPT.toMillis())))
                .map(answer -> answer.toInteger() == 1);
    }

    /** The newest change applied to the edge, if any is known. */
    public Uni<Optional<Applied>> newest(long followerId, long followeeId) {
        return redis.send(Request.cmd(Command.HGET).arg(TimelineKeys.followVersions(followerId)).arg(Long.toString(followeeId)))
                .map(FollowVersions::parse);
    }

    private static Optional<Applied> parse(Response held) {
        if (held == null) {
            return Optional.empty();
        }
        String[] parts = held.toString().split(":", 2);
        return Optional.of(new Applied(Long.parseLong(parts[0]), FollowChanged.State.valueOf(parts[1])));
    }
}
