package dev.shutter.feed.fanout;

import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.events.Event;
import dev.shutter.feed.config.FeedConfig;
import dev.shutter.feed.hydrate.PostCache;
import dev.shutter.feed.postquery.PostQueryClient;
import dev.shutter.feed.timeline.TimelineStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pushes a published post into its author's followers' timelines, and takes a deleted one out.
 * Followers stream from post-service a page at a time; each page is one pipelined Redis round
 * trip. Authors at or over the celebrity threshold are not pushed (readers pull their posts).
 * Replaying an event writes the same members with the same scores, so a redelivery after a crash
 * half-way simply completes the work.
 */
@ApplicationScoped
public class PostFanout {

    private final PostQueryClient posts;
    private final TimelineStore timelines;
    private final PostCache cache;
    private final FanoutMetrics metrics;
    private final FeedConfig config;

    PostFanout(PostQueryClient posts, TimelineStore timelines, PostCache cache, FanoutMetrics metrics, FeedConfig config) {
        this.posts = posts;
        this.timelines = timelines;
        this.cache = cache;
        this.metrics = metrics;
        this.config = config;
    }

    public Uni<Void> published(Event<PostPublished> event) {
        PostPublished post = event.payload();
        Uni<Integer> own = timelines.push(List.of(post.getAuthorId()), post.getPostId());
        if (isCelebrity(post.getAuthorFollowerCount())) {
            metrics.pulledInstead();
            return own.replaceWithVoid();
        }
        return own.chain(ownWritten -> eachFollowerPage(post.getAuthorId(), page -> timelines.push(page, post.getPostId()))
                        .map(written -> written + ownWritten))
                .invoke(written -> metrics.fannedOut(event.occurredAt(), written))
                .replaceWithVoid();
    }

    public Uni<Void> deleted(PostDeleted post) {
        cache.forget(post.getPostId());
        List<Long> ids = List.of(post.getPostId());
        Uni<Void> own = timelines.remove(List.of(post.getAuthorId()), ids);
        if (isCelebrity(post.getAuthorFollowerCount())) {
            return own;
        }
        return own.chain(() -> eachFollowerPage(post.getAuthorId(), page -> timelines.remove(page, ids).replaceWith(0)))
                .replaceWithVoid();
    }

    private boolean isCelebrity(long followers) {
        return followers >= config.celebrityThreshold();
    }

    /** Runs {@code step} on each page of the author's followers in turn; sums what the steps answer. */
    private Uni<Integer> eachFollowerPage(long authorId, Function<List<Long>, Uni<Integer>> step) {
        return posts.followers(authorId, config.fanoutPageSize())
                .onItem().transformToUniAndConcatenate(page -> step.apply(page))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
