package dev.shutter.feed.timeline;

import dev.shutter.contracts.post.v1.Following;
import dev.shutter.contracts.post.v1.PostRef;
import dev.shutter.feed.config.FeedConfig;
import dev.shutter.postclient.PostQueryClient;
import dev.shutter.postclient.SingleFlight;
import dev.shutter.wiring.CelebrityConfig;
import dev.shutter.ids.Snowflake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Rebuilds what a reader's feed is made of from post-service when Redis has none of it: the
 * timeline (recent posts of the followed accounts under the celebrity threshold, and the reader's
 * own) and the list of followed celebrities. One rebuild per reader at a time.
 */
@ApplicationScoped
public class TimelineRebuilder {

    private static final Logger LOG = Logger.getLogger(TimelineRebuilder.class);

    private final PostQueryClient posts;
    private final TimelineStore timelines;
    private final CelebrityFollows celebrities;
    private final FeedConfig config;
    private final CelebrityConfig celebrityThreshold;
    private final SingleFlight<Long> rebuilds = new SingleFlight<>();
    private final SingleFlight<Long> celebrityReads = new SingleFlight<>();
    private final Counter rebuilt;

    TimelineRebuilder(PostQueryClient posts, TimelineStore timelines, CelebrityFollows celebrities, FeedConfig config,
            CelebrityConfig celebrityThreshold, MeterRegistry meters) {
        this.posts = posts;
        this.timelines = timelines;
        this.celebrities = celebrities;
        this.config = config;
        this.celebrityThreshold = celebrityThreshold;
        this.rebuilt = Counter.builder("feed.timeline.rebuilds").description("Timelines rebuilt from post-service")
                .register(meters);
    }

    /** Rebuilds and stores the reader's timeline and celebrity list; answers what it stored. */
    public Uni<Sources> rebuild(long userId) {
        return rebuilds.run(userId, () -> sources(userId)
                .call(sources -> timelines.build(userId, sources.timeline())
                        .chain(() -> celebrities.replace(userId, sources.celebrities())))
                .invoke(sources -> {
                    rebuilt.increment();
                    LOG.debugf("Rebuilt the timeline of %d: %d posts, %d celebrities", userId, sources.timeline().size(),
                            sources.celebrities().size());
                }));
    }

    /** Reads the reader's followed celebrities from post-service and stores the list. */
    public Uni<List<Long>> refreshCelebrities(long userId) {
        return celebrityReads.run(userId, () -> posts.following(userId)
                .map(following -> split(following).pulled())
                .call(list -> celebrities.replace(userId, list)));
    }

    /**
     * What the reader's feed is made of according to post-service alone, without touching Redis:
     * also the degraded path when Redis is down.
     */
    public Uni<Sources> sources(long userId) {
        return posts.following(userId).chain(following -> {
            Split split = split(following);
            List<Long> pushedAuthors = new ArrayList<>(split.pushed());
            pushedAuthors.add(userId);
            return posts.recentPosts(pushedAuthors, sinceId(), config.postsPerAuthor())
                    .map(refs -> new Sources(newest(refs, config.timelineSize()), split.pulled()));
        });
    }

    /** The lowest post ID the celebrity pull and rebuilds look at. */
    public long sinceId() {
        return Snowflake.minIdAt(Instant.now().minus(config.lookback())) - 1;
    }

    /** Followed accounts split by the celebrity threshold: pushed to timelines, or pulled at read time. */
    private record Split(List<Long> pushed, List<Long> pulled) {}

    private Split split(List<Following> following) {
        List<Long> pushed = new ArrayList<>();
        List<Long> pulled = new ArrayList<>();
        for (Following account : following) {
            (celebrityThreshold.isCelebrity(account.getFollowerCount()) ? pulled : pushed).add(account.getUserId());
        }
        return new Split(pushed, pulled);
    }

    private static List<Long> newest(List<PostRef> refs, int limit) {
        return refs.stream().map(PostRef::getPostId).distinct().sorted(Comparator.reverseOrder()).limit(limit).toList();
    }

    /** A reader's timeline posts (newest first) and followed celebrities. */
    public record Sources(List<Long> timeline, List<Long> celebrities) {}
}
