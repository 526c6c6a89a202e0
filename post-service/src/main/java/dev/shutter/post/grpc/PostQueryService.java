package dev.shutter.post.grpc;

import com.google.protobuf.Timestamp;
import dev.shutter.contracts.post.v1.BatchGetPostsRequest;
import dev.shutter.contracts.post.v1.BatchGetPostsResponse;
import dev.shutter.contracts.post.v1.FollowersPage;
import dev.shutter.contracts.post.v1.Following;
import dev.shutter.contracts.post.v1.ListFollowingRequest;
import dev.shutter.contracts.post.v1.ListFollowingResponse;
import dev.shutter.contracts.post.v1.PostQuery;
import dev.shutter.contracts.post.v1.PostRef;
import dev.shutter.contracts.post.v1.RecentPostsByAuthorsRequest;
import dev.shutter.contracts.post.v1.RecentPostsByAuthorsResponse;
import dev.shutter.contracts.post.v1.StreamFollowersRequest;
import dev.shutter.contracts.post.v1.ViewerState;
import dev.shutter.contracts.post.v1.ViewerStatesRequest;
import dev.shutter.contracts.post.v1.ViewerStatesResponse;
import dev.shutter.post.follow.FollowGraph;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.post.post.RecentPosts;
import dev.shutter.post.post.view.PostViews;
import dev.shutter.rest.auth.SessionRevocations;
import dev.shutter.rest.post.PostMessages;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What the feed and explore services ask of post-service. Thin: the hydrator, the recent-posts
 * query and the follow graph are the same ones the REST API uses. Each call runs in a context of
 * its own, as Hibernate Reactive keeps its session there.
 */
@GrpcService
public class PostQueryService implements PostQuery {

    static final int MAX_BATCH = 500;
    static final int MAX_AUTHORS = 1_000;
    static final int DEFAULT_PAGE = 1_000;
    static final int MAX_PAGE = 5_000;

    private final Mutiny.SessionFactory sessions;
    private final PostViews posts;
    private final RecentPosts recent;
    private final FollowGraph graph;
    private final Vertx vertx;
    private final SessionRevocations revocations;

    PostQueryService(Mutiny.SessionFactory sessions, PostViews posts, RecentPosts recent, FollowGraph graph, Vertx vertx,
            SessionRevocations revocations) {
        this.revocations = revocations;
        this.sessions = sessions;
        this.posts = posts;
        this.recent = recent;
        this.graph = graph;
        this.vertx = vertx;
    }

    @Override
    public Uni<BatchGetPostsResponse> batchGetPosts(BatchGetPostsRequest request) {
        require(request.getPostIdsCount() <= MAX_BATCH, "at most " + MAX_BATCH + " post IDs per call");
        CallAuthentication.CallViewer viewer = viewer(request.getViewerId());
        return liveSession(viewer).chain(() -> IsolatedContext.run(vertx, () -> sessions.withSession(session ->
                        posts.hydrate(session, viewer.userId(), request.getPostIdsList()))))
                .map(views -> BatchGetPostsResponse.newBuilder()
                        .addAllPosts(views.stream().map(PostMessages::of).toList())
                        .build());
    }

    @Override
    public Uni<RecentPostsByAuthorsResponse> recentPostsByAuthors(RecentPostsByAuthorsRequest request) {
        require(request.getAuthorIdsCount() <= MAX_AUTHORS, "at most " + MAX_AUTHORS + " authors per call");
        int limit = request.getLimitPerAuthor() <= 0 ? 20 : Math.min(request.getLimitPerAuthor(), RecentPosts.MAX_LIMIT_PER_AUTHOR);
        return IsolatedContext.run(vertx, () -> recent.recentByAuthors(request.getAuthorIdsList(), request.getSincePostId(),
                request.getBeforePostId(), limit))
                .map(refs -> RecentPostsByAuthorsResponse.newBuilder()
                        .addAllPosts(refs.stream().map(PostQueryService::ref).toList())
                        .build());
    }

    /** Pages of approved followers in ID order until the last (short) page. */
    @Override
    public Multi<FollowersPage> streamFollowers(StreamFollowersRequest request) {
        int pageSize = request.getPageSize() <= 0 ? DEFAULT_PAGE : Math.min(request.getPageSize(), MAX_PAGE);
        AtomicLong after = new AtomicLong();
        return Multi.createBy().repeating()
                .uni(() -> IsolatedContext.run(vertx, () -> graph.approvedFollowers(request.getAuthorId(), after.get(), pageSize)))
                .whilst(page -> page.size() == pageSize)
                .invoke(page -> {
                    if (!page.isEmpty()) {
                        after.set(page.getLast());
                    }
                })
                .filter(page -> !page.isEmpty())
                .map(page -> FollowersPage.newBuilder().addAllFollowerIds(page).build());
    }

    @Override
    public Uni<ListFollowingResponse> listFollowing(ListFollowingRequest request) {
        return IsolatedContext.run(vertx, () -> graph.following(request.getUserId()))
                .map(accounts -> ListFollowingResponse.newBuilder()
                        .addAllFollowing(accounts.stream()
                                .map(a -> Following.newBuilder().setUserId(a.userId()).setCelebrity(a.celebrity())
                                        .setFollowerCount(a.followerCount()).build())
                                .toList())
                        .build());
    }

    @Override
    public Uni<ViewerStatesResponse> viewerStates(ViewerStatesRequest request) {
        require(request.getPostIdsCount() <= MAX_BATCH, "at most " + MAX_BATCH + " post IDs per call");
        CallAuthentication.CallViewer viewer = viewer(request.getViewerId());
        return liveSession(viewer).chain(() -> IsolatedContext.run(vertx, () -> sessions.withSession(session ->
                        posts.viewerStates(session, viewer.userId(), request.getPostIdsList()))))
                .map(states -> ViewerStatesResponse.newBuilder()
                        .addAllStates(states.stream().map(s -> ViewerState.newBuilder().setPostId(s.postId())
                                .setLikedByMe(s.likedByMe()).setSavedByMe(s.savedByMe()).build()).toList())
                        .build());
    }

    private static PostRef ref(dev.shutter.post.post.PostRef ref) {
        return PostRef.newBuilder()
                .setPostId(ref.postId())
                .setAuthorId(ref.authorId())
                .setCreatedAt(Timestamp.newBuilder().setSeconds(ref.createdAt().getEpochSecond()).setNanos(ref.createdAt().getNano()))
                .build();
    }

    /**
     * The call's verified viewer ({@link CallAuthentication}); a request that names another viewer
     * is refused rather than answered for the token's.
     */
    private static CallAuthentication.CallViewer viewer(long asked) {
        CallAuthentication.CallViewer verified = CallAuthentication.VIEWER.get();
        if (asked != 0 && asked != verified.userId()) {
            throw Status.PERMISSION_DENIED.withDescription("viewer_id must be the viewer of the access token sent with the call")
                    .asRuntimeException();
        }
        return verified;
    }

    /**
     * A signed-out or erased session's token is refused here as at the REST edge; if Redis cannot
     * say, the call goes on (as there), the token's own 15 minutes being the bound.
     */
    private Uni<Void> liveSession(CallAuthentication.CallViewer viewer) {
        if (viewer.sessionId() == 0) {
            return Uni.createFrom().voidItem();
        }
        return revocations.isRevoked(viewer.sessionId())
                .onFailure().recoverWithItem(false)
                .map(revoked -> {
                    if (revoked) {
                        throw Status.UNAUTHENTICATED.withDescription("the viewer's session has ended").asRuntimeException();
                    }
                    return null;
                });
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
        }
    }

}
