package dev.shutter.feed.timeline;

import dev.shutter.feed.config.FeedConfig;
import dev.shutter.postclient.PostQueryClient;
import dev.shutter.postclient.SingleFlight;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each author's approved followers, kept near the feed: {@code followers:{authorId}}, a Redis set
 * with the built marker, so fan-out does not stream thousands of follower IDs from post-service
 * for every post. post-service stays the source of truth: a missing list is streamed from it
 * ({@code StreamFollowers}) and stored, once per author at a time; {@code follow.changed} keeps an
 * existing list current; a list expires {@code follower-list-ttl} after it was built (not after
 * its last use) and is then streamed again, which bounds how long any drift can last (an
 * unfollow handled while the list was being streamed, an event lost).
 */
@ApplicationScoped
public class FollowerLists {

    /** SADD chunks of a stored list: keeps each command (and the server's work per command) small. */
    static final int CHUNK = 1_000;

    /** The member that makes a list being built exist (user IDs are positive). */
    static final String BUILDING = "-1";
    /** How long a list being built may stay without its marker before it goes. */
    static final Duration BUILDING_TTL = Duration.ofMinutes(1);

    private final Redis redis;
    private final PostQueryClient posts;
    private final FeedConfig config;
    private final SingleFlight<Long> builds = new SingleFlight<>();
    private final Counter built;

    FollowerLists(Redis redis, PostQueryClient posts, FeedConfig config, MeterRegistry meters) {
        this.redis = redis;
        this.posts = posts;
        this.config = config;
        this.built = Counter.builder("feed.follower.lists.built")
                .description("Follower lists streamed from post-service and stored (missing or expired)").register(meters);
    }

    /** The author's approved followers: from Redis, or streamed from post-service and stored. */
    public Uni<List<Long>> of(long authorId) {
        return stored(authorId).chain(list -> list.isPresent()
                ? Uni.createFrom().item(list.get())
                : builds.run(authorId, () -> build(authorId)));
    }

    /** The stored list, or empty when it is missing or only half built (no marker). */
    Uni<Optional<List<Long>>> stored(long authorId) {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(TimelineKeys.followers(authorId))).map(members -> {
            List<Long> followers = new ArrayList<>(members.size());
            boolean complete = false;
            for (Response member : members) {
                String id = member.toString();
                if (TimelineKeys.BUILT.equals(id)) {
                    complete = true;
                } else if (!BUILDING.equals(id)) {
                    followers.add(Long.parseLong(id));
                }
            }
            return complete ? Optional.of(followers) : Optional.empty();
        });
    }

    /**
     * Streams the followers from post-service and stores them: SADDs in chunks, then the marker
     * and the expiry last, all in one pipeline. A list cut short (a failure half-way) lacks the
     * marker, counts as missing and is simply streamed again; nothing is deleted first, so two
     * instances building at once only add true followers. Before streaming, the key is made to
     * exist (the {@link #BUILDING} member, briefly), so a follow handled while the stream runs
     * is added to it by {@link #add} rather than lost.
     */
    private Uni<List<Long>> build(long authorId) {
        String key = TimelineKeys.followers(authorId);
        return redis.batch(List.of(
                        Request.cmd(Command.SADD).arg(key).arg(BUILDING),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(BUILDING_TTL.toMillis())))
                .chain(() -> posts.followers(authorId, config.fanoutPageSize())
                        .collect().in(ArrayList<Long>::new, List::addAll))
                .call(followers -> {
                    List<Request> requests = new ArrayList<>();
                    for (int from = 0; from < followers.size(); from += CHUNK) {
                        Request sadd = Request.cmd(Command.SADD).arg(key);
                        followers.subList(from, Math.min(followers.size(), from + CHUNK)).forEach(sadd::arg);
                        requests.add(sadd);
                    }
                    requests.add(Request.cmd(Command.SREM).arg(key).arg(BUILDING));
                    requests.add(Request.cmd(Command.SADD).arg(key).arg(TimelineKeys.BUILT));
                    requests.add(Request.cmd(Command.PEXPIRE).arg(key).arg(config.followerListTtl().toMillis()));
                    return redis.batch(requests).invoke(() -> built.increment());
                })
                .map(followers -> (List<Long>) followers);
    }

    /** A new approved follower joins the author's list, if the list exists. Idempotent. */
    public Uni<Void> add(long authorId, long followerId) {
        return ExistingSet.add(redis, TimelineKeys.followers(authorId), followerId);
    }

    /** A follower gone (unfollowed, request withdrawn or denied) leaves the list. Idempotent. */
    public Uni<Void> remove(long authorId, long followerId) {
        return redis.send(Request.cmd(Command.SREM).arg(TimelineKeys.followers(authorId)).arg(followerId)).replaceWithVoid();
    }
}
