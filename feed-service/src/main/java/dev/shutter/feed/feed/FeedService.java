package dev.shutter.feed.feed;

import dev.shutter.feed.config.FeedConfig;
import dev.shutter.postclient.PostHydrator;
import dev.shutter.postclient.Viewer;
import dev.shutter.postclient.PostQueryClient;
import dev.shutter.feed.timeline.CelebrityFollows;
import dev.shutter.feed.timeline.TimelineRebuilder;
import dev.shutter.feed.timeline.TimelineRebuilder.Sources;
import dev.shutter.feed.timeline.TimelineStore;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.post.PostView;
import dev.shutter.redis.RedisFailures;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The home feed. A first page reads the reader's timeline (top {@code read-size}) and pulls the
 * recent posts of the celebrities they follow, merges them, ranks them and freezes the ranking
 * in a snapshot the cursor points into; later pages come from the snapshot. Missing timelines
 * and celebrity lists are rebuilt from post-service. If Redis fails, the feed is made from
 * post-service alone, ordered by time (fewer posts, still 200); if post-service fails, 503.
 */
@ApplicationScoped
public class FeedService {

    private static final Logger LOG = Logger.getLogger(FeedService.class);
    /** Rounds of hydration to fill a page when posts drop out (deleted, no longer visible). */
    private static final int FILL_ROUNDS = 3;
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final TimelineStore timelines;
    private final CelebrityFollows celebrities;
    private final TimelineRebuilder rebuilder;
    private final PostQueryClient posts;
    private final EngagementScores engagement;
    private final FeedRanker ranker;
    private final FeedSnapshots snapshots;
    private final PostHydrator hydrator;
    private final FeedMetrics metrics;
    private final FeedConfig config;
    private final AtomicLong lastWarning = new AtomicLong();

    FeedService(TimelineStore timelines, CelebrityFollows celebrities, TimelineRebuilder rebuilder, PostQueryClient posts,
            EngagementScores engagement, FeedRanker ranker, FeedSnapshots snapshots, PostHydrator hydrator, FeedMetrics metrics,
            FeedConfig config) {
        this.timelines = timelines;
        this.celebrities = celebrities;
        this.rebuilder = rebuilder;
        this.posts = posts;
        this.engagement = engagement;
        this.ranker = ranker;
        this.snapshots = snapshots;
        this.hydrator = hydrator;
        this.metrics = metrics;
        this.config = config;
    }

    public Uni<FeedPage> page(Viewer viewer, PageRequest request) {
        FeedCursor cursor = FeedCursor.of(request);
        int limit = request.limit();
        Timer.Sample sample = metrics.start();
        Uni<Served> served = switch (cursor) {
            case null -> ranked(viewer, limit);
            case FeedCursor.InSnapshot position -> fromSnapshot(viewer, position, limit);
            case FeedCursor.ByTime position -> byTime(viewer, position.beforePostId(), limit);
        };
        // Anything but Redis being down (which serves the degraded feed) is answered by the problem
        // mapper: post-service down is its 503, a bug its 500 with an error ID, counted here.
        return served.invoke(page -> metrics.served(sample, page.degraded()))
                .onFailure().invoke(metrics::failed)
                .map(Served::page);
    }

    private record Served(FeedPage page, boolean degraded) {}

    private record Snapshot(long id, List<Long> ranked) {}

    private record Filled(List<PostView> items, int next) {}

    private Uni<Served> ranked(Viewer viewer, int limit) {
        return rank(viewer)
                .onFailure(RedisFailures::isUnavailable).recoverWithUni(failure -> redisDown(viewer, failure))
                .chain(snapshot -> snapshot == null
                        ? byTime(viewer, Long.MAX_VALUE, limit)
                        : serve(viewer, snapshot, 0, limit));
    }

    private Uni<Served> fromSnapshot(Viewer viewer, FeedCursor.InSnapshot position, int limit) {
        return redis(snapshots.load(viewer.id(), position.snapshotId()))
                .onFailure(RedisFailures::isUnavailable).recoverWithUni(failure -> redisDown(viewer, failure))
                .chain(ranking -> {
                    if (ranking == null) {
                        return byTime(viewer, Long.MAX_VALUE, limit);
                    }
                    // An expired snapshot (the reader paused for longer than snapshot.ttl) starts a fresh ranking.
                    return ranking.isEmpty()
                            ? ranked(viewer, limit)
                            : serve(viewer, new Snapshot(position.snapshotId(), ranking.get()), position.offset(), limit);
                });
    }

    /** Ranks the reader's candidates and freezes the ranking. */
    private Uni<Snapshot> rank(Viewer viewer) {
        return Uni.combine().all().unis(redis(timelines.read(viewer.id(), config.readSize())), redis(celebrities.of(viewer.id())))
                .asTuple()
                .chain(read -> {
                    if (!read.getItem1().exists()) {
                        return rebuilder.rebuild(viewer.id());
                    }
                    List<Long> timeline = read.getItem1().postIds();
                    return read.getItem2()
                            .map(list -> Uni.createFrom().item(new Sources(timeline, list)))
                            .orElseGet(() -> rebuilder.refreshCelebrities(viewer.id()).map(list -> new Sources(timeline, list)));
                })
                .chain(sources -> candidates(sources))
                .chain(candidates -> redis(engagement.of(candidates)).map(scores -> ranker.rank(candidates, scores, Instant.now())))
                .chain(ranked -> redis(snapshots.save(viewer.id(), ranked)).map(id -> new Snapshot(id, ranked)));
    }

    /** Timeline and celebrity posts, de-duplicated, the newest {@code read-size} of them. */
    private Uni<List<Long>> candidates(Sources sources) {
        Uni<List<Long>> pulled = sources.celebrities().isEmpty()
                ? Uni.createFrom().item(List.of())
                : posts.recentPosts(sources.celebrities(), rebuilder.sinceId(), config.postsPerAuthor())
                        .map(refs -> refs.stream().map(ref -> ref.getPostId()).toList());
        return pulled.map(celebrityPosts -> Stream.concat(sources.timeline().stream(), celebrityPosts.stream())
                .distinct()
                .sorted(Comparator.reverseOrder())
                .limit(config.readSize())
                .toList());
    }

    private Uni<Served> serve(Viewer viewer, Snapshot snapshot, int offset, int limit) {
        return fill(viewer, snapshot.ranked(), offset, limit, new ArrayList<>(), FILL_ROUNDS)
                .map(filled -> new Served(new FeedPage(filled.items(), filled.next() < snapshot.ranked().size()
                        ? new FeedCursor.InSnapshot(snapshot.id(), filled.next()).encode()
                        : null), false));
    }

    /** The degraded feed: post-service alone, newest first, before a post ID. */
    private Uni<Served> byTime(Viewer viewer, long beforePostId, int limit) {
        return rebuilder.sources(viewer.id())
                .chain(sources -> candidates(sources))
                .map(ids -> ids.stream().filter(id -> id < beforePostId).toList())
                .chain(ids -> fill(viewer, ids, 0, limit, new ArrayList<>(), FILL_ROUNDS)
                        .map(filled -> new Served(new FeedPage(filled.items(), filled.next() < ids.size()
                                ? new FeedCursor.ByTime(ids.get(filled.next() - 1)).encode()
                                : null), true)));
    }

    /** Hydrates from {@code from} on until the page is full, the list ends or the rounds run out. */
    private Uni<Filled> fill(Viewer viewer, List<Long> ids, int from, int limit, List<PostView> items, int rounds) {
        int to = Math.min(ids.size(), from + limit - items.size());
        if (from >= to) {
            return Uni.createFrom().item(new Filled(items, from));
        }
        return hydrator.hydrate(viewer, ids.subList(from, to)).chain(hydrated -> {
            items.addAll(hydrated);
            if (items.size() >= limit || to >= ids.size() || rounds <= 1) {
                return Uni.createFrom().item(new Filled(items, to));
            }
            return fill(viewer, ids, to, limit, items, rounds - 1);
        });
    }

    /** A Redis call on the read path, which gives up after {@code redis-timeout}. */
    private <T> Uni<T> redis(Uni<T> call) {
        return call.ifNoItem().after(config.redisTimeout()).fail();
    }

    /** Answers null, the signal to serve the degraded feed, after logging (at most every few seconds). */
    private <T> Uni<T> redisDown(Viewer viewer, Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Redis failed (%s: %s); serving feeds from post-service alone", failure.getClass().getSimpleName(),
                    failure.getMessage());
        } else {
            LOG.debugf("Redis failed for the feed of %d: %s", viewer.id(), failure);
        }
        return Uni.createFrom().nullItem();
    }
}
