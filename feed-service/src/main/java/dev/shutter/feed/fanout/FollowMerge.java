package dev.shutter.feed.fanout;

import dev.shutter.contracts.events.v1.FollowChanged;
import dev.shutter.contracts.post.v1.PostRef;
import dev.shutter.feed.config.FeedConfig;
import dev.shutter.postclient.PostQueryClient;
import dev.shutter.wiring.CelebrityConfig;
import dev.shutter.feed.timeline.CelebrityFollows;
import dev.shutter.feed.timeline.FollowVersions;
import dev.shutter.feed.timeline.FollowerLists;
import dev.shutter.feed.timeline.TimelineRebuilder;
import dev.shutter.feed.timeline.TimelineStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Applies a follow or unfollow to the follower's feed: a followed account's recent posts are
 * merged into the timeline (a celebrity joins the pulled list instead); an unfollowed one's
 * posts come out and it leaves the list. The followee's follower list (used by fan-out) gains
 * or loses the follower too. All of it is idempotent, and ordered by the change's version
 * ({@link FollowVersions}): an older change than one already applied to the edge is ignored,
 * and a change that finds a newer one applied while it ran applies that newer state again.
 */
@ApplicationScoped
public class FollowMerge {

    /** post-service's cap on posts per author in one RecentPostsByAuthors call. */
    static final int MOST_POSTS_PER_AUTHOR = 100;

    private final PostQueryClient posts;
    private final TimelineStore timelines;
    private final CelebrityFollows celebrities;
    private final FollowerLists followerLists;
    private final TimelineRebuilder rebuilder;
    private final FeedConfig config;
    private final CelebrityConfig celebrityThreshold;
    private final FollowVersions versions;

    FollowMerge(PostQueryClient posts, TimelineStore timelines, CelebrityFollows celebrities, FollowerLists followerLists,
            TimelineRebuilder rebuilder, FeedConfig config, CelebrityConfig celebrityThreshold, FollowVersions versions) {
        this.versions = versions;
        this.followerLists = followerLists;
        this.posts = posts;
        this.timelines = timelines;
        this.celebrities = celebrities;
        this.rebuilder = rebuilder;
        this.config = config;
        this.celebrityThreshold = celebrityThreshold;
    }

    public Uni<Void> changed(FollowChanged change) {
        return versions.advance(change).chain(newest -> !newest ? Uni.createFrom().voidItem()
                : apply(change, change.getState())
                        .chain(() -> versions.newest(change.getFollowerId(), change.getFolloweeId()))
                        .chain(applied -> applied.isPresent() && applied.get().version() > change.getVersion()
                                ? apply(change, applied.get().state()) // a newer change ran beside this one: its state wins
                                : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(FollowChanged change, FollowChanged.State state) {
        long follower = change.getFollowerId();
        long followee = change.getFolloweeId();
        return switch (state) {
            case FOLLOWING -> followerLists.add(followee, follower).chain(() -> celebrityThreshold.isCelebrity(change.getFolloweeFollowerCount())
                    ? celebrities.add(follower, followee)
                    : postIds(follower, followee, rebuilder.sinceId(), config.postsPerAuthor())
                            .chain(ids -> timelines.merge(follower, ids)).replaceWithVoid());
            // Requested is not following yet: nothing flows, exactly as after an unfollow.
            case NONE, REQUESTED -> followerLists.remove(followee, follower)
                    .chain(() -> celebrities.remove(follower, followee))
                    .chain(() -> postIds(followee, followee, 0, MOST_POSTS_PER_AUTHOR))
                    .chain(ids -> timelines.remove(List.of(follower), ids));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<List<Long>> postIds(long viewerId, long authorId, long sinceId, int limit) {
        return posts.recentPosts(List.of(authorId), sinceId, limit)
                .map(refs -> refs.stream().map(PostRef::getPostId).toList());
    }
}
