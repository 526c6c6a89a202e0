package dev.shutter.feed.timeline;

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

/**
 * Home timelines in Redis: {@code timeline:{userId}}, a sorted set of post IDs scored by creation
 * time, trimmed to the newest {@code shutter.feed.timeline-size}. A timeline expires when its
 * reader has not read it for {@code inactive-after}; writes skip missing timelines (the reader is
 * inactive, or never read) and the next read rebuilds them.
 */
@ApplicationScoped
public class TimelineStore {

    /** Adds posts to an existing timeline and trims it; returns 1 if the timeline existed. */
    private static final RedisScript ADD_IF_PRESENT = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('ZADD', KEYS[1], unpack(ARGV, 2))
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[1]) + 2))
            return 1""");

    /** Creates or completes a timeline: the built marker, the posts, the trim and the expiry. */
    private static final RedisScript BUILD = new RedisScript("""
            redis.call('ZADD', KEYS[1], 0, '0')
            if #ARGV > 2 then redis.call('ZADD', KEYS[1], unpack(ARGV, 3)) end
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[1]) + 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""");

    private final Redis redis;
    private final FeedConfig config;

    TimelineStore(Redis redis, FeedConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /**
     * Pushes one post into the timelines of these users, in one pipeline, skipping users whose
     * timeline is missing. Replaying it changes nothing (same member, same score).
     *
     * @return how many timelines were written
     */
    public Uni<Integer> push(Collection<Long> userIds, long postId) {
        String score = Long.toString(new TimelineEntry(postId).createdAtMillis());
        String member = Long.toString(postId);
        List<Request> requests = new ArrayList<>(userIds.size());
        for (long userId : userIds) {
            requests.add(ADD_IF_PRESENT.call(TimelineKeys.timeline(userId), config.timelineSize(), score, member));
        }
        return RedisScript.pipeline(redis, requests, ADD_IF_PRESENT).map(TimelineStore::countWritten);
    }

    /** Adds several posts to one user's timeline if it exists (a follow merged in). */
    public Uni<Boolean> merge(long userId, Collection<Long> postIds) {
        if (postIds.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(config.timelineSize()));
        postIds.forEach(id -> addScored(args, id));
        return RedisScript.pipeline(redis, List.of(ADD_IF_PRESENT.call(TimelineKeys.timeline(userId), args)), ADD_IF_PRESENT)
                .map(answers -> countWritten(answers) == 1);
    }

    /** Writes a rebuilt timeline: it exists (possibly empty) from now on, until its reader goes quiet. */
    public Uni<Void> build(long userId, Collection<Long> postIds) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(config.timelineSize()));
        args.add(Long.toString(config.inactiveAfter().toMillis()));
        postIds.forEach(id -> addScored(args, id));
        return RedisScript.pipeline(redis, List.of(BUILD.call(TimelineKeys.timeline(userId), args)), BUILD).replaceWithVoid();
    }

    /** Removes posts from the timelines of these users, in one pipeline. */
    public Uni<Void> remove(Collection<Long> userIds, Collection<Long> postIds) {
        if (userIds.isEmpty() || postIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> requests = new ArrayList<>(userIds.size());
        for (long userId : userIds) {
            Request zrem = Request.cmd(Command.ZREM).arg(TimelineKeys.timeline(userId));
            postIds.forEach(id -> zrem.arg(id.toString()));
            requests.add(zrem);
        }
        return redis.batch(requests).replaceWithVoid();
    }

    /**
     * The newest {@code count} posts of the reader's timeline, and keeps it alive for another
     * {@code inactive-after}; empty when the timeline is missing.
     */
    public Uni<ReadTimeline> read(long userId, int count) {
        String key = TimelineKeys.timeline(userId);
        return redis.batch(List.of(
                        Request.cmd(Command.EXISTS).arg(key),
                        Request.cmd(Command.ZREVRANGE).arg(key).arg(0).arg(count),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(config.inactiveAfter().toMillis())))
                .map(answers -> {
                    if (answers.get(0).toInteger() == 0) {
                        return ReadTimeline.MISSING;
                    }
                    List<Long> posts = new ArrayList<>();
                    for (Response member : answers.get(1)) {
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

    private static void addScored(List<String> args, long postId) {
        args.add(Long.toString(new TimelineEntry(postId).createdAtMillis()));
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
