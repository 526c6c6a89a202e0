package dev.shutter.feed.timeline;

import dev.shutter.redis.RedisScript;
import dev.shutter.feed.config.FeedConfig;
import dev.shutter.ids.Snowflake;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Home timelines in Redis: {@code timeline:{t<bucket>}:<userId>} (see {@link TimelineKeys}), a sorted set of post IDs scored by creation
 * time plus the built marker ({@code 0}, score 0), trimmed to the newest
 * {@code shutter.feed.timeline-size} on every read and by about one fan-out write in
 * {@value #TRIM_ONE_IN}. A timeline expires when its reader
 * has not read it for {@code inactive-after}; writes skip timelines without the marker (expired,
 * never built: the reader is inactive), which are rebuilt on the next read.
 */
@ApplicationScoped
public class TimelineStore {

    /**
     * Adds posts to a built timeline (one holding the marker) and trims it; returns 1 if it was
     * built. The trim starts at rank 1: the marker (score 0) is rank 0 and stays.
     */
    private static final RedisScript ADD_IF_PRESENT = new RedisScript("""
            if not redis.call('ZSCORE', KEYS[1], '0') then return 0 end
            redis.call('ZADD', KEYS[1], unpack(ARGV, 2))
            redis.call('ZREMRANGEBYRANK', KEYS[1], 1, -(tonumber(ARGV[1]) + 1))
            return 1""");

    /** Creates or completes a timeline: the built marker, the posts, the trim and the expiry. */
    private static final RedisScript BUILD = new RedisScript("""
            redis.call('ZADD', KEYS[1], 0, '0')
            if #ARGV > 2 then redis.call('ZADD', KEYS[1], unpack(ARGV, 3)) end
            redis.call('ZREMRANGEBYRANK', KEYS[1], 1, -(tonumber(ARGV[1]) + 1))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""");

    /**
     * Fan-out for one hash-tag bucket: the post goes into each built timeline among KEYS; answers
     * how many were written. One call per bucket, not one command per follower, so the client sends
     * and parses a few hundred requests for thousands of followers. Trimming is what costs Redis
     * most after the write itself, so only the timelines named in ARGV[4] (a comma-separated list
     * of KEYS indexes, about one in {@value #TRIM_ONE_IN}) are trimmed here; reads trim every time.
     */
    private static final RedisScript FAN_OUT = new RedisScript("""
            local trim = {}
            for index in string.gmatch(ARGV[4], '%d+') do trim[tonumber(index)] = true end
            local written = 0
            for i, key in ipairs(KEYS) do
              if redis.call('ZSCORE', key, '0') then
                redis.call('ZADD', key, ARGV[1], ARGV[2])
                if trim[i] then redis.call('ZREMRANGEBYRANK', key, 1, ARGV[3]) end
                written = written + 1
              end
            end
            return written""");

    /** During fan-out about one timeline in this many is trimmed (chosen by reader and post, so a replay picks the same). */
    static final int TRIM_ONE_IN = 16;

    /** Removes posts (ARGV) from every timeline among KEYS, one hash-tag bucket's worth. */
    private static final RedisScript REMOVE = new RedisScript("""
            for _, key in ipairs(KEYS) do
              redis.call('ZREM', key, unpack(ARGV))
            end
            return #KEYS""");


    private final Redis redis;
    private final FeedConfig config;

    TimelineStore(Redis redis, FeedConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /**
     * Fans one post out to these followers: each built timeline gets it and is trimmed, one script
     * call per hash-tag bucket, all in one pipeline; followers without a built timeline (inactive
     * for {@code inactive-after}, or never read) are skipped and rebuilt on their next read.
     * Replaying it changes nothing (same member, same score).
     *
     * @return how many timelines were written
     */
    public Uni<Integer> fanOut(Collection<Long> followerIds, long postId) {
        String score = Long.toString(Snowflake.epochMillisOf(postId));
        String member = Long.toString(postId);
        String trimTo = Integer.toString(-(config.timelineSize() + 1));
        return inBuckets(followerIds, bucket -> FAN_OUT.call(keys(bucket), score, member, trimTo, trimmed(bucket, postId)), FAN_OUT)
                .map(TimelineStore::countWritten);
    }

    /** Adds several posts to one user's timeline if it exists (a follow merged in). */
    public Uni<Boolean> merge(long userId, Collection<Long> postIds) {
        if (postIds.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(config.timelineSize()));
        postIds.forEach(id -> addScored(args, id));
        return ADD_IF_PRESENT.send(redis, ADD_IF_PRESENT.call(TimelineKeys.timeline(userId), args))
                .map(answer -> countWritten(List.of(answer)) == 1);
    }

    /** Writes a rebuilt timeline: it exists (possibly empty) from now on, until its reader goes quiet. */
    public Uni<Void> build(long userId, Collection<Long> postIds) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(config.timelineSize()));
        args.add(Long.toString(config.inactiveAfter().toMillis()));
        postIds.forEach(id -> addScored(args, id));
        return BUILD.send(redis, BUILD.call(TimelineKeys.timeline(userId), args)).replaceWithVoid();
    }

    /** Removes posts from the timelines of these users, one script call per hash-tag bucket. */
    public Uni<Void> remove(Collection<Long> userIds, Collection<Long> postIds) {
        if (userIds.isEmpty() || postIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] members = postIds.stream().map(String::valueOf).toArray(String[]::new);
        return inBuckets(userIds, bucket -> REMOVE.call(keys(bucket), members), REMOVE).replaceWithVoid();
    }

    /** One script call per hash-tag bucket of the users' timelines (given the bucket's users), pipelined. */
    private Uni<List<Response>> inBuckets(Collection<Long> userIds, Function<List<Long>, Request> call, RedisScript script) {
        // In bucket order: a fan-out writes its buckets in the same order every time.
        Map<Integer, List<Long>> buckets = new TreeMap<>();
        for (long userId : userIds) {
            buckets.computeIfAbsent(TimelineKeys.timelineBucket(userId), b -> new ArrayList<>()).add(userId);
        }
        // At most TIMELINE_BUCKETS calls, however many users: one pipeline always fits.
        List<Request> calls = new ArrayList<>(buckets.size());
        buckets.values().forEach(keys -> calls.add(call.apply(keys)));
        return RedisScript.pipeline(redis, calls, script);
    }

    /**
     * The newest {@code count} posts of the reader's timeline, in one pipeline that also trims it
     * to {@code timeline-size} and keeps it alive for another {@code inactive-after} (so fan-out
     * goes on writing to it); missing when the timeline lacks the built marker (expired,
     * never built, or recreated by a write that raced its expiry), which makes the caller rebuild it.
     */
    public Uni<ReadTimeline> read(long userId, int count) {
        String key = TimelineKeys.timeline(userId);
        return redis.batch(List.of(
                        Request.cmd(Command.ZSCORE).arg(key).arg(TimelineKeys.BUILT),
                        Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(1).arg(-(config.timelineSize() + 1)),
                        Request.cmd(Command.ZREVRANGE).arg(key).arg(0).arg(count),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(config.inactiveAfter().toMillis())))
                .map(answers -> {
                    if (answers.get(0) == null) {
                        return ReadTimeline.MISSING;
                    }
                    List<Long> posts = new ArrayList<>();
                    for (Response member : answers.get(2)) {
                        String id = member.toString();
                        if (!TimelineKeys.BUILT.equals(id) && posts.size() < count) {
                            posts.add(Long.parseLong(id));
                        }
                    }
                    return new ReadTimeline(true, posts);
                });
    }

    /** A timeline as read: whether it exists, and its newest posts first. */
    public record ReadTimeline(boolean exists, List<Long> postIds) {
        static final ReadTimeline MISSING = new ReadTimeline(false, List.of());
    }

    private static List<String> keys(List<Long> userIds) {
        List<String> keys = new ArrayList<>(userIds.size());
        userIds.forEach(userId -> keys.add(TimelineKeys.timeline(userId)));
        return keys;
    }

    /** The (1-based) positions of the users whose timelines this post's fan-out trims. */
    private static String trimmed(List<Long> userIds, long postId) {
        StringBuilder positions = new StringBuilder();
        for (int i = 0; i < userIds.size(); i++) {
            if (Math.floorMod(userIds.get(i) ^ postId, (long) TRIM_ONE_IN) == 0) {
                positions.append(i + 1).append(',');
            }
        }
        return positions.toString();
    }

    private static void addScored(List<String> args, long postId) {
        args.add(Long.toString(Snowflake.epochMillisOf(postId)));
        args.add(Long.toString(postId));
    }

    private static int countWritten(List<Response> answers) {
        int written = 0;
        for (Response answer : answers) {
            written += answer.toInteger();
        }
        return written;
    }
}
