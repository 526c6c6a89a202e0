package dev.shutter.feed.timeline;

import dev.shutter.feed.config.FeedConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Home timelines in Redis: {@code timeline:{userId}}, a sorted set of post IDs scored by creation
 * time plus the built marker ({@code 0}, score 0), trimmed to the newest
 * {@code shutter.feed.timeline-size} on every read and now and then by fan-out. A timeline
 * expires when its reader has not read it for {@code inactive-after}; fan-out writes only to
 * readers active within that time ({@link ActiveReaders}), and a timeline without the marker
 * counts as missing and is rebuilt on the next read.
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

    /** Pages of a fan-out written at the same time (each page: one ZMSCORE pipeline, one write pipeline). */
    static final int PAGES_IN_FLIGHT = 4;
    /** During fan-out, about one timeline in this many is also trimmed (reads trim every time). */
    static final int TRIM_ONE_IN = 16;

    private final Redis redis;
    private final ActiveReaders activeReaders;
    private final FeedConfig config;

    TimelineStore(Redis redis, ActiveReaders activeReaders, FeedConfig config) {
        this.redis = redis;
        this.activeReaders = activeReaders;
        this.config = config;
    }

    /**
     * Fans one post out to these followers: those who read their feed within
     * {@code inactive-after} (whose timelines therefore exist) each get one plain pipelined
     * {@code ZADD}, a page of followers at a time; the others are skipped and rebuilt on their next
     * read. About one timeline in {@value #TRIM_ONE_IN} (chosen by follower and post, so a replay
     * picks the same) is also trimmed, which keeps timelines near {@code timeline-size} between
     * reads. Replaying it changes nothing (same member, same score).
     *
     * @return how many timelines were written
     */
    public Uni<Integer> fanOut(List<Long> followerIds, long postId) {
        if (followerIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String score = Long.toString(new TimelineEntry(postId).createdAtMillis());
        String member = Long.toString(postId);
        String trimTo = Integer.toString(-(config.timelineSize() + 1));
        int pageSize = config.fanoutPageSize();
        List<List<Long>> pages = new ArrayList<>();
        for (int from = 0; from < followerIds.size(); from += pageSize) {
            pages.add(followerIds.subList(from, Math.min(followerIds.size(), from + pageSize)));
        }
        return Multi.createFrom().iterable(pages)
                .onItem().transformToUni(page -> activeReaders.active(page).chain(active -> {
                    if (active.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Request> writes = new ArrayList<>(active.size() + active.size() / TRIM_ONE_IN + 1);
                    for (long userId : active) {
                        String key = TimelineKeys.timeline(userId);
                        writes.add(Request.cmd(Command.ZADD).arg(key).arg(score).arg(member));
                        if (Math.floorMod(userId ^ postId, (long) TRIM_ONE_IN) == 0) {
                            writes.add(Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(1).arg(trimTo));
                        }
                    }
                    return redis.batch(writes).map(answers -> active.size());
                }))
                .merge(PAGES_IN_FLIGHT)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /**
     * Pushes one post into the timelines of these users (the author's own), skipping users whose
     * timeline is not built. Replaying it changes nothing (same member, same score).
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
        return RedisScript.pipeline(redis, List.of(BUILD.call(TimelineKeys.timeline(userId), args),
                ActiveReaders.touch(userId, System.currentTimeMillis())), BUILD).replaceWithVoid();
    }

    /** Removes posts from the timelines of these users, a pipeline per page of users. */
    public Uni<Void> remove(Collection<Long> userIds, Collection<Long> postIds) {
        if (userIds.isEmpty() || postIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> users = List.copyOf(userIds);
        int pageSize = config.fanoutPageSize();
        List<List<Long>> pages = new ArrayList<>();
        for (int from = 0; from < users.size(); from += pageSize) {
            pages.add(users.subList(from, Math.min(users.size(), from + pageSize)));
        }
        return Multi.createFrom().iterable(pages)
                .onItem().transformToUni(page -> {
                    List<Request> requests = new ArrayList<>(page.size());
                    for (long userId : page) {
                        Request zrem = Request.cmd(Command.ZREM).arg(TimelineKeys.timeline(userId));
                        postIds.forEach(id -> zrem.arg(id.toString()));
                        requests.add(zrem);
                    }
                    return redis.batch(requests);
                })
                .merge(PAGES_IN_FLIGHT)
                .collect().last().replaceWithVoid();
    }

    /**
     * The newest {@code count} posts of the reader's timeline, in one pipeline that also trims it
     * to {@code timeline-size}, keeps it alive for another {@code inactive-after} and records the
     * read (so fan-out writes to it); missing when the timeline lacks the built marker (expired,
     * never built, or recreated by a write that raced its expiry), which makes the caller rebuild it.
     */
    public Uni<ReadTimeline> read(long userId, int count) {
        String key = TimelineKeys.timeline(userId);
        return redis.batch(List.of(
                        Request.cmd(Command.ZSCORE).arg(key).arg(TimelineKeys.BUILT),
                        Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(1).arg(-(config.timelineSize() + 1)),
                        Request.cmd(Command.ZREVRANGE).arg(key).arg(0).arg(count),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(config.inactiveAfter().toMillis()),
                        ActiveReaders.touch(userId, System.currentTimeMillis())))
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
