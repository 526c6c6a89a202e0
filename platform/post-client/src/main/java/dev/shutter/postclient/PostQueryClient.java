package dev.shutter.postclient;

import dev.shutter.contracts.post.v1.BatchGetPostsRequest;
import dev.shutter.contracts.post.v1.Following;
import dev.shutter.contracts.post.v1.ListFollowingRequest;
import dev.shutter.contracts.post.v1.Post;
import dev.shutter.contracts.post.v1.MutinyPostQueryGrpc.MutinyPostQueryStub;
import dev.shutter.contracts.post.v1.PostRef;
import dev.shutter.contracts.post.v1.RecentPostsByAuthorsRequest;
import dev.shutter.contracts.post.v1.StreamFollowersRequest;
import dev.shutter.contracts.post.v1.ViewerState;
import dev.shutter.contracts.post.v1.ViewerStatesRequest;
import dev.shutter.rest.problem.ProblemException;
import dev.shutter.serviceauth.ServiceCredentials;
import dev.shutter.serviceauth.ServiceMetadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * post-service as the services that show posts (feed, Explore) ask it, over gRPC. Calls that
 * cannot reach it fail with a 503 problem (the client retries after a pause); large requests are
 * split to post-service's limits.
 */
@ApplicationScoped
public class PostQueryClient {

    /** post-service's own limits per call. */
    static final int MAX_POSTS = 500;
    static final int MAX_AUTHORS = 1_000;
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(PostQueryClient.class);
    private static final Set<Status.Code> UNREACHABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.CANCELLED, Status.Code.RESOURCE_EXHAUSTED);

    private final MutinyPostQueryStub stub;
    private final Duration deadline;
    private final ServiceCredentials credentials;

    PostQueryClient(@GrpcClient("post-query") MutinyPostQueryStub stub, PostClientConfig config, ServiceCredentials credentials) {
        this.stub = stub;
        this.deadline = config.deadline();
        this.credentials = credentials;
    }

    /** A call made by this service for no user. */
    private MutinyPostQueryStub postQuery() {
        return postQuery(Viewer.anonymous());
    }

    /**
     * The stub with this service's token and the viewer's access token attached, and a deadline
     * from now (a configured client deadline would be fixed once, at creation).
     */
    private MutinyPostQueryStub postQuery(Viewer viewer) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                        ServiceMetadata.of(credentials.token(), viewer.accessToken())))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Posts the viewer may see, in the order asked. */
    public Uni<List<Post>> batchGet(Viewer viewer, List<Long> postIds) {
        return inChunks(postIds, MAX_POSTS, chunk -> postQuery(viewer).batchGetPosts(BatchGetPostsRequest.newBuilder()
                        .setViewerId(viewer.id()).addAllPostIds(chunk).build())
                .map(response -> response.getPostsList()));
    }

    /** The viewer's own part of the posts they may see; posts they may not see are left out. */
    public Uni<List<ViewerState>> viewerStates(Viewer viewer, List<Long> postIds) {
        return inChunks(postIds, MAX_POSTS, chunk -> postQuery(viewer).viewerStates(ViewerStatesRequest.newBuilder()
                        .setViewerId(viewer.id()).addAllPostIds(chunk).build())
                .map(response -> response.getStatesList()));
    }

    /** Recent ready posts of the authors with an ID above {@code sincePostId}, newest first per author. */
    public Uni<List<PostRef>> recentPosts(List<Long> authorIds, long sincePostId, int perAuthor) {
        return inChunks(authorIds, MAX_AUTHORS, chunk -> postQuery().recentPostsByAuthors(RecentPostsByAuthorsRequest.newBuilder()
                        .addAllAuthorIds(chunk).setSincePostId(sincePostId)
                        .setLimitPerAuthor(perAuthor).build())
                .map(response -> response.getPostsList()));
    }

    /** Every ready post of the author, newest first, a page of {@code pageSize} at a time. */
    public Multi<List<PostRef>> allPosts(long authorId, int pageSize) {
        java.util.concurrent.atomic.AtomicLong before = new java.util.concurrent.atomic.AtomicLong();
        return Multi.createBy().repeating()
                .uni(() -> guard(postQuery().recentPostsByAuthors(RecentPostsByAuthorsRequest.newBuilder()
                                .addAuthorIds(authorId).setBeforePostId(before.get()).setLimitPerAuthor(pageSize).build())
                        .map(response -> response.getPostsList())))
                .whilst(page -> page.size() == pageSize)
                .invoke(page -> {
                    if (!page.isEmpty()) {
                        before.set(page.getLast().getPostId());
                    }
                })
                .filter(page -> !page.isEmpty());
    }

    public Uni<List<Following>> following(long userId) {
        return guard(postQuery().listFollowing(ListFollowingRequest.newBuilder().setUserId(userId).build())
                .map(response -> response.getFollowingList()));
    }

    /** The author's approved followers, a page at a time. */
    public Multi<List<Long>> followers(long authorId, int pageSize) {
        return postQuery().streamFollowers(StreamFollowersRequest.newBuilder().setAuthorId(authorId).setPageSize(pageSize).build())
                .map(page -> page.getFollowerIdsList())
                .onFailure().transform(PostQueryClient::translate);
    }

    private <T> Uni<List<T>> inChunks(List<Long> ids, int size, java.util.function.Function<List<Long>, Uni<List<T>>> call) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (ids.size() <= size) {
            return guard(call.apply(ids));
        }
        List<Uni<List<T>>> calls = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            calls.add(call.apply(ids.subList(i, Math.min(ids.size(), i + size))));
        }
        return guard(Uni.join().all(calls).andFailFast().map(parts -> parts.stream().flatMap(List::stream).toList()));
    }

    private static <T> Uni<T> guard(Uni<T> call) {
        return call.onFailure().transform(PostQueryClient::translate);
    }

    /** post-service out of reach is the client's to retry (503); anything else is a bug. */
    static Throwable translate(Throwable failure) {
        if (failure instanceof StatusRuntimeException e && UNREACHABLE.contains(e.getStatus().getCode())) {
            LOG.warnf("post-service is unreachable: %s", e.getStatus());
            return ProblemException.unavailable("The posts service is unreachable; try again shortly.", RETRY_AFTER);
        }
        return failure;
    }
}
