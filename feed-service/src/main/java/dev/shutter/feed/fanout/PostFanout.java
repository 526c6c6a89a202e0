package dev.shutter.feed.fanout;

import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.events.Event;
import dev.shutter.postclient.PostCache;
import dev.shutter.wiring.CelebrityConfig;
import dev.shutter.feed.timeline.FollowerLists;
import dev.shutter.feed.timeline.TimelineStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes a published post into its author's followers' timelines, and takes a deleted one out.
 * The followers come from the author's follower list in Redis ({@link FollowerLists}, streamed
 * from post-service when missing); the post goes to those who read their feed lately, a page at
 * a time, each page two pipelined Redis round trips (who is active, then the writes). Authors at
 * or over the celebrity threshold are not pushed (readers pull their posts).
 * Replaying an event writes the same members with the same scores, so a redelivery after a crash
 * half-way simply completes the work.
 */
@ApplicationScoped
public class PostFanout {

    private final FollowerLists followers;
    private final TimelineStore timelines;
    private final PostCache cache;
    private final FanoutMetrics metrics;
    private final CelebrityConfig celebrities;

    PostFanout(FollowerLists followers, TimelineStore timelines, PostCache cache, FanoutMetrics metrics,
            CelebrityConfig celebrities) {
        this.followers = followers;
        this.timelines = timelines;
        this.cache = cache;
        this.metrics = metrics;
        this.celebrities = celebrities;
    }

    public Uni<Void> published(Event<PostPublished> event) {
        PostPublished post = event.payload();
        if (isCelebrity(post.getAuthorFollowerCount())) {
            metrics.pulledInstead();
            return timelines.fanOut(List.of(post.getAuthorId()), post.getPostId()).replaceWithVoid();
        }
        return readers(post.getAuthorId())
                .chain(readers -> timelines.fanOut(readers, post.getPostId()))
                .invoke(written -> metrics.fannedOut(event.occurredAt(), written))
                .replaceWithVoid();
    }

    public Uni<Void> deleted(PostDeleted post) {
        cache.forget(post.getPostId());
        if (post.getAccountErased()) {
            // TimelineErasure took the author's posts out of every timeline; reading the follower
            // list here would only build it again, under the erased author's ID.
            return Uni.createFrom().voidItem();
        }
        List<Long> ids = List.of(post.getPostId());
        if (isCelebrity(post.getAuthorFollowerCount())) {
            return timelines.remove(List.of(post.getAuthorId()), ids);
        }
        return readers(post.getAuthorId()).chain(readers -> timelines.remove(readers, ids));
    }

    /** Whose timelines an author's posts go to: the followers, and the author. */
    private Uni<List<Long>> readers(long authorId) {
        return followers.of(authorId).map(ids -> {
            List<Long> readers = new ArrayList<>(ids.size() + 1);
            readers.addAll(ids);
            readers.add(authorId);
            return readers;
        });
    }

    private boolean isCelebrity(long followers) {
        return celebrities.isCelebrity(followers);
    }

}
