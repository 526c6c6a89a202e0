package dev.shutter.feed.timeline;

import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.redis.RedisScript;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The newest {@code follow.changed} applied to each of a reader's edges ({@link
 * TimelineKeys#followVersions}, followee → "version:state"; {@link #forget} takes an erased account out of both ends), so that a change delivered late (a
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

    /**
     * Records the change unless a newer one of the edge was applied; answers whether to apply it.
     * The followee's holders set learns the reader (another slot: a command of its own).
     */
    public Uni<Boolean> advance(FollowChanged change) {
        String follower = Long.toString(change.getFollowerId());
        String kept = Long.toString(KEPT.toMillis());
        return ADVANCE.send(redis, ADVANCE.call(TimelineKeys.followVersions(change.getFollowerId()), Long.toString(change.getFolloweeId()),
                        Long.toString(change.getVersion()), change.getState().name(), kept))
                .map(answer -> answer.toInteger() == 1)
                .call(newest -> !newest ? Uni.createFrom().voidItem() : redis.batch(List.of(
                                Request.cmd(Command.SADD).arg(TimelineKeys.followVersionHolders(change.getFolloweeId())).arg(follower),
                                Request.cmd(Command.PEXPIRE).arg(TimelineKeys.followVersionHolders(change.getFolloweeId())).arg(kept)))
                        .replaceWithVoid());
    }

    /**
     * Forgets an erased account on both ends of its edges: its own versions (and its place in
     * each followee's holders), and its field in every reader's versions that names it. Answers
     * how many entries went.
     */
    public Uni<Long> forget(long userId) {
        String user = Long.toString(userId);
        return redis.send(Request.cmd(Command.HKEYS).arg(TimelineKeys.followVersions(userId)))
                .chain(followees -> Multi.createFrom().iterable(followees)
                        .onItem().transformToUniAndConcatenate(followee -> redis.send(Request.cmd(Command.SREM)
                                .arg(TimelineKeys.followVersionHolders(Long.parseLong(followee.toString()))).arg(user)))
                        .collect().asList()
                        .map(List::size))
                .chain(own -> redis.send(Request.cmd(Command.SMEMBERS).arg(TimelineKeys.followVersionHolders(userId)))
                        .chain(holders -> Multi.createFrom().iterable(holders)
                                .onItem().transformToUniAndConcatenate(holder -> redis.send(Request.cmd(Command.HDEL)
                                        .arg(TimelineKeys.followVersions(Long.parseLong(holder.toString()))).arg(user)))
                                .collect().asList()
                                .map(List::size))
                        .map(theirs -> (long) own + theirs))
                .call(() -> redis.send(Request.cmd(Command.DEL).arg(TimelineKeys.followVersions(userId))
                        .arg(TimelineKeys.followVersionHolders(userId))));
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
