package dev.shutter.feed.erasure;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.contracts.events.v1.UserErased;
import dev.shutter.contracts.post.v1.Following;
import dev.shutter.contracts.post.v1.PostRef;
import dev.shutter.events.Event;
import dev.shutter.events.EventPublisher;
import dev.shutter.feed.config.FeedConfig;
import dev.shutter.feed.timeline.CelebrityFollows;
import dev.shutter.feed.timeline.FollowVersions;
import dev.shutter.feed.timeline.FollowerLists;
import dev.shutter.feed.timeline.TimelineKeys;
import dev.shutter.feed.timeline.TimelineStore;
import dev.shutter.postclient.PostQueryClient;
import dev.shutter.wiring.Subscriptions;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The feed's part of an erasure ({@code user.erased}, store {@value #STORE} of the ledger): the
 * account's posts leave its followers' timelines, it leaves their celebrity lists and the
 * follower lists of the accounts it follows, and its own timeline, celebrity list, follower list
 * and feed snapshots go. post-service keeps the account's posts and follows until this store
 * reports done, so they can still be found here. Idempotent: a redelivery removes nothing more.
 */
@ApplicationScoped
public class TimelineErasure {

    /** This store's name in the erasure ledger. */
    public static final String STORE = "timelines";
    static final String SUBSCRIPTION = "feed-service-erasure";
    private static final Logger LOG = Logger.getLogger(TimelineErasure.class);
    private static final int POSTS_PAGE = 100;

    private final Subscriptions subscriptions;
    private final PostQueryClient posts;
    private final TimelineStore timelines;
    private final CelebrityFollows celebrities;
    private final FollowerLists followerLists;
    private final Redis redis;
    private final EventPublisher publisher;
    private final FeedConfig config;

    private final FollowVersions versions;

    TimelineErasure(Subscriptions subscriptions, PostQueryClient posts, TimelineStore timelines, CelebrityFollows celebrities,
            FollowerLists followerLists, Redis redis, EventPublisher publisher, FeedConfig config, FollowVersions versions) {
        this.versions = versions;
        this.subscriptions = subscriptions;
        this.posts = posts;
        this.timelines = timelines;
        this.celebrities = celebrities;
        this.followerLists = followerLists;
        this.redis = redis;
        this.publisher = publisher;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(EventTypes.USER_ERASED, SUBSCRIPTION, this::erased);
    }

    Uni<Void> erased(Event<UserErased> event) {
        long userId = event.payload().getUserId();
        AtomicLong removed = new AtomicLong();
        return Uni.combine().all().unis(followers(userId), postIds(userId)).asTuple()
                .chain(found -> fromFollowers(userId, found.getItem1(), found.getItem2(), removed))
                .chain(() -> fromFollowed(userId, removed))
                .chain(() -> versions.forget(userId).invoke(removed::addAndGet))
                .chain(() -> ownKeys(userId, removed))
                .chain(() -> reportDone(userId, removed.get()));
    }

    private Uni<List<Long>> followers(long userId) {
        return posts.followers(userId, config.fanoutPageSize()).collect().in(ArrayList<Long>::new, List::addAll);
    }

    private Uni<List<Long>> postIds(long userId) {
        return posts.allPosts(userId, POSTS_PAGE).collect().in(ArrayList<Long>::new,
                (ids, page) -> page.stream().map(PostRef::getPostId).forEach(ids::add));
    }

    private Uni<Void> fromFollowers(long userId, List<Long> followers, List<Long> postIds, AtomicLong removed) {
        removed.addAndGet((long) followers.size() * postIds.size());
        return timelines.remove(followers, postIds)
                .chain(() -> Multi.createFrom().iterable(followers)
                        .onItem().transformToUniAndConcatenate(follower -> celebrities.remove(follower, userId))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> fromFollowed(long userId, AtomicLong removed) {
        return posts.following(userId).chain(following -> Multi.createFrom().iterable(following)
                .onItem().transformToUniAndConcatenate((Following followee) -> {
                    removed.incrementAndGet();
                    return followerLists.remove(followee.getUserId(), userId);
                })
                .collect().last()
                .replaceWithVoid());
    }

    /** The account's own keys, its snapshots found by SCAN (they share its hash tag, so one node holds them all). */
    private Uni<Void> ownKeys(long userId, AtomicLong removed) {
        List<String> keys = new ArrayList<>(List.of(TimelineKeys.timeline(userId), TimelineKeys.celebrities(userId),
                TimelineKeys.followers(userId)));
        return scan(TimelineKeys.snapshotPattern(userId), "0", keys)
                .chain(all -> {
                    Request del = Request.cmd(Command.DEL);
                    all.forEach(del::arg);
                    return redis.send(del);
                })
                .invoke(deleted -> removed.addAndGet(deleted.toLong()))
                .replaceWithVoid();
    }

    private Uni<List<String>> scan(String pattern, String cursor, List<String> found) {
        return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000))
                .chain((Response page) -> {
                    page.get(1).forEach(key -> found.add(key.toString()));
                    String next = page.get(0).toString();
                    return next.equals("0") ? Uni.createFrom().item(found) : scan(pattern, next, found);
                });
    }

    private Uni<Void> reportDone(long userId, long removed) {
        LOG.infof("Erasure of %d: timelines done (%d entries removed)", userId, removed);
        Instant now = Instant.now();
        return publisher.publish(EventTypes.ERASURE_FINISHED, Long.toString(userId), ErasureFinished.newBuilder()
                .setUserId(userId).setStore(STORE).setRemoved(removed)
                .setFinishedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build());
    }
}
