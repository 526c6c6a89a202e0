package dev.shutter.feed.timeline;

import dev.shutter.feed.config.FeedConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each reader last read their feed: {@code feed:active:{n}} sorted sets (n = user ID mod
 * {@link TimelineKeys#ACTIVE_SHARDS}), member the user ID, score the read time in epoch ms.
 * Written by every feed read (in the read's own pipeline) and every rebuild. Fan-out asks it, with
 * one {@code ZMSCORE} per shard for a page of followers, which followers read within
 * {@code inactive-after}: only their timelines exist (a timeline expires {@code inactive-after}
 * after its last read), so only they are written, without a per-follower existence check.
 */
@ApplicationScoped
public class ActiveReaders {

    /**
     * A reader whose timeline is about to expire is left out a little early: a write racing the
     * expiry would recreate the timeline without its built marker (the next read then rebuilds it).
     */
    static final Duration MARGIN = Duration.ofMinutes(1);
    /** How often an instance removes readers gone quiet from the shards. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final Redis redis;
    private final FeedConfig config;
    private final AtomicLong lastPrune = new AtomicLong();

    ActiveReaders(Redis redis, FeedConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The command that records a read by this reader now. */
    static Request touch(long userId, long nowMillis) {
        return Request.cmd(Command.ZADD).arg(TimelineKeys.activeShard(TimelineKeys.activeShardOf(userId)))
                .arg(nowMillis).arg(userId);
    }

    /** The users among these who read their feed within {@code inactive-after}, grouped by shard. */
    public Uni<List<Long>> active(List<Long> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        long now = System.currentTimeMillis();
        long since = now - config.inactiveAfter().toMillis() + MARGIN.toMillis();
        List<List<Long>> byShard = new ArrayList<>(TimelineKeys.ACTIVE_SHARDS);
        for (int i = 0; i < TimelineKeys.ACTIVE_SHARDS; i++) {
            byShard.add(new ArrayList<>());
        }
        userIds.forEach(id -> byShard.get(TimelineKeys.activeShardOf(id)).add(id));
        List<Request> requests = new ArrayList<>();
        List<Integer> scoreAnswers = new ArrayList<>();
        List<List<Long>> asked = new ArrayList<>();
        boolean prune = pruneDue(now);
        for (int shard = 0; shard < TimelineKeys.ACTIVE_SHARDS; shard++) {
            if (prune) {
                requests.add(Request.cmd(Command.ZREMRANGEBYSCORE).arg(TimelineKeys.activeShard(shard)).arg("-inf")
                        .arg("(" + (now - config.inactiveAfter().toMillis())));
            }
            List<Long> members = byShard.get(shard);
            if (!members.isEmpty()) {
                Request zmscore = Request.cmd(Command.ZMSCORE).arg(TimelineKeys.activeShard(shard));
                members.forEach(zmscore::arg);
                scoreAnswers.add(requests.size());
                requests.add(zmscore);
                asked.add(members);
            }
        }
        return redis.batch(requests).map(answers -> {
            List<Long> active = new ArrayList<>(userIds.size());
            for (int i = 0; i < asked.size(); i++) {
                Response scores = answers.get(scoreAnswers.get(i));
                List<Long> members = asked.get(i);
                for (int j = 0; j < members.size(); j++) {
                    Response score = scores.get(j);
                    if (score != null && score.toDouble() >= since) {
                        active.add(members.get(j));
                    }
                }
            }
            return active;
        });
    }

    private boolean pruneDue(long now) {
        long last = lastPrune.get();
        return now - last >= PRUNE_EVERY.toMillis() && lastPrune.compareAndSet(last, now);
    }
}
