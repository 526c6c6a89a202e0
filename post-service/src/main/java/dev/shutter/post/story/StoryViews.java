package dev.shutter.post.story;

import dev.shutter.events.CallerContext;
import dev.shutter.redis.RedisScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v1/stories/{storyId}/views}: idempotent. A repeat view (the story is in the
 * viewer's seen set) costs one Redis read. A first view is logged durably first
 * ({@link StoryViewLog}: a row of its own and the interaction event), then, in one Redis pipeline,
 * the viewer joins the story's newest-viewers set (kept to {@code viewers-kept}) and its
 * HyperLogLog, and the story joins the viewer's seen set, which is written last, so a view that
 * failed half way is retried whole. Nothing locks a shared row or key, so a story viewed by
 * thousands a second does not serialise. The owner's own views are not counted.
 */
@ApplicationScoped
public class StoryViews {

    /**
     * KEYS viewers, count, trimmed; ARGV viewer, now, kept, expire-at. Returns 1 for a first view.
     * The trimmed flag says the exact list overflowed once: from then on the count is the estimate.
     */
    private static final RedisScript VIEW = new RedisScript("""
            local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
            if added == 1 then
              redis.call('PFADD', KEYS[2], ARGV[1])
              local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
              if over > 0 then
                redis.call('ZREMRANGEBYRANK', KEYS[1], 0, over - 1)
                redis.call('SET', KEYS[3], '1', 'PXAT', ARGV[4])
              end
            end
            redis.call('PEXPIREAT', KEYS[1], ARGV[4])
            redis.call('PEXPIREAT', KEYS[2], ARGV[4])
            return added
            """);

    private final StoryLookup lookup;
    private final StoryViewLog log;
    private final Redis redis;
    private final StoriesConfig config;

    StoryViews(StoryLookup lookup, StoryViewLog log, Redis redis, StoriesConfig config) {
        this.lookup = lookup;
        this.log = log;
        this.redis = redis;
        this.config = config;
    }

    /** @return whether this was the viewer's first view */
    public Uni<Boolean> view(long viewerId, long storyId) {
        return lookup.visible(viewerId, storyId).chain(card -> card.authorId() == viewerId
                ? Uni.createFrom().item(false)
                : firstView(viewerId, card));
    }

    private Uni<Boolean> firstView(long viewerId, StoryCard card) {
        return CallerContext.resumeOnCaller(redis.send(Request.cmd(Command.ZSCORE).arg(StoryKeys.seen(viewerId)).arg(card.storyId())))
                .chain(seen -> seen != null ? Uni.createFrom().item(false)
                        : log.firstView(viewerId, card, Instant.now()).chain(() -> record(viewerId, card)));
    }

    private Uni<Boolean> record(long viewerId, StoryCard card) {
        long now = System.currentTimeMillis();
        return CallerContext.resumeOnCaller(RedisScript.pipeline(redis, calls(viewerId, card, now, now), VIEW))
                .map(answers -> answers.getFirst().toInteger() == 1);
    }

    /**
     * The Redis side of a view at {@code viewedAt}; also how {@link StoryIndexRepair} puts the
     * views of live stories back from their rows.
     */
    List<Request> calls(long viewerId, StoryCard card, long viewedAt, long now) {
        long viewersUntil = card.expiresAt().plus(config.viewersGrace()).toEpochMilli();
        String seen = StoryKeys.seen(viewerId);
        // The seen entry goes last: it is what marks the view done.
        return List.of(
                VIEW.call(List.of(StoryKeys.viewers(card.storyId()), StoryKeys.viewerCount(card.storyId()),
                                StoryKeys.trimmed(card.storyId())),
                        Long.toString(viewerId), Long.toString(viewedAt), Integer.toString(config.viewersKept()),
                        Long.toString(viewersUntil)),
                Request.cmd(Command.ZADD).arg(seen).arg(card.expiresAt().toEpochMilli()).arg(card.storyId()),
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(seen).arg("-inf").arg(now),
                Request.cmd(Command.PEXPIRE).arg(seen).arg(config.ttl().plus(config.viewersGrace()).toMillis()));
    }

    /** Runs view calls (of many views) in one pipeline. */
    Uni<Void> run(List<Request> calls) {
        return calls.isEmpty() ? Uni.createFrom().voidItem()
                : CallerContext.resumeOnCaller(RedisScript.pipeline(redis, calls, VIEW)).replaceWithVoid();
    }
}
