package dev.shutter.post.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.contracts.post.v1.BatchGetPostsRequest;
import dev.shutter.contracts.post.v1.FollowersPage;
import dev.shutter.contracts.post.v1.Following;
import dev.shutter.contracts.post.v1.ListFollowingRequest;
import dev.shutter.contracts.post.v1.Post;
import dev.shutter.contracts.post.v1.MutinyPostQueryGrpc.MutinyPostQueryStub;
import dev.shutter.contracts.post.v1.PostRef;
import dev.shutter.contracts.post.v1.RecentPostsByAuthorsRequest;
import dev.shutter.contracts.post.v1.StreamFollowersRequest;
import dev.shutter.contracts.post.v1.ViewerState;
import dev.shutter.contracts.post.v1.ViewerStatesRequest;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import dev.shutter.post.post.PostFixtures;
import dev.shutter.serviceauth.LocalServiceTokens;
import dev.shutter.serviceauth.ServiceCredentials;
import dev.shutter.serviceauth.ServiceMetadata;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** PostQuery over real gRPC (HTTP/2 on the service's port) against the real database. */
@QuarkusTest
class PostQueryServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @GrpcClient("post-query")
    MutinyPostQueryStub stub;

    @Inject
    ServiceCredentials credentials;

    @Inject
    PostFixtures fixtures;

    @Test
    void batchGetHydratesInTheOrderAskedAndOmitsWhatTheViewerMayNotSee() {
        TestUser author = Api.newUser("gq_author");
        TestUser hidden = Api.newUser("gq_private");
        TestUser viewer = Api.newUser("gq_viewer");
        List<String> visible = fixtures.readyPosts(author, 3).stream().map(PostFixtures.Created::postId).toList();
        String privatePost = fixtures.ready(hidden, "private").postId();
        hidden.request().body(java.util.Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        viewer.request().put("/v1/posts/" + visible.get(1) + "/like").then().statusCode(200);

        List<Long> asked = List.of(id(visible.get(2)), id(privatePost), 424242L, id(visible.get(0)), id(visible.get(1)));
        List<Post> posts = as(viewer).batchGetPosts(BatchGetPostsRequest.newBuilder()
                        .setViewerId(id(viewer.userId())).addAllPostIds(asked).build())
                .await().atMost(WAIT).getPostsList();

        assertThat(posts).extracting(Post::getPostId)
                .containsExactly(id(visible.get(2)), id(visible.get(0)), id(visible.get(1)));
        Post liked = posts.get(2);
        assertThat(liked.getLikeCount()).isEqualTo(1);
        assertThat(liked.getLikedByMe()).isTrue();
        assertThat(liked.getAuthor().getUsername()).isEqualTo(author.username());
        assertThat(liked.getMediaList()).singleElement().satisfies(media -> {
            assertThat(media.getType()).isEqualTo("image");
            assertThat(media.getVariantsMap()).containsKeys("thumb", "medium", "hq");
        });
        assertThat(posts.get(0).getLikedByMe()).isFalse();
    }

    @Test
    void batchOfMoreThanTheLimitIsRejected() {
        BatchGetPostsRequest tooMany = BatchGetPostsRequest.newBuilder()
                .addAllPostIds(LongStream.rangeClosed(1, PostQueryService.MAX_BATCH + 1).boxed().toList()).build();
        assertThatThrownBy(() -> service().batchGetPosts(tooMany).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void recentPostsOfSeveralAuthorsNewestFirstSinceAnId() {
        TestUser first = Api.newUser("gq_celeb1");
        TestUser second = Api.newUser("gq_celeb2");
        List<PostFixtures.Created> older = fixtures.readyPosts(first, 2);
        List<PostFixtures.Created> newer = new ArrayList<>(fixtures.readyPosts(second, 2));
        newer.addAll(fixtures.readyPosts(first, 1));

        List<PostRef> refs = service().recentPostsByAuthors(RecentPostsByAuthorsRequest.newBuilder()
                        .addAuthorIds(id(first.userId())).addAuthorIds(id(second.userId()))
                        .setSincePostId(id(older.getLast().postId()))
                        .setLimitPerAuthor(10).build())
                .await().atMost(WAIT).getPostsList();

        List<Long> expected = new ArrayList<>(newer.stream().map(p -> id(p.postId())).toList());
        Collections.sort(expected, Collections.reverseOrder());
        assertThat(refs).extracting(PostRef::getPostId).containsExactlyElementsOf(expected);
        assertThat(refs).allSatisfy(ref -> assertThat(ref.getAuthorId()).isIn(id(first.userId()), id(second.userId())));
    }

    @Test
    void followersStreamInPagesWithNoneMissingOrRepeated() {
        TestUser author = Api.newUser("gq_popular");
        List<Long> followers = IntStream.range(0, 7).mapToObj(i -> Api.newUser("gq_fan")).map(fan -> {
            fan.request().put("/v1/users/" + author.userId() + "/follow").then().statusCode(200);
            return id(fan.userId());
        }).sorted().toList();
        TestUser pending = Api.newUser("gq_pending");

        List<FollowersPage> pages = service().streamFollowers(StreamFollowersRequest.newBuilder()
                        .setAuthorId(id(author.userId())).setPageSize(3).build())
                .collect().asList().await().atMost(WAIT);

        assertThat(pages).extracting(FollowersPage::getFollowerIdsCount).containsExactly(3, 3, 1);
        assertThat(pages.stream().flatMap(p -> p.getFollowerIdsList().stream()).toList())
                .containsExactlyElementsOf(followers)
                .doesNotContain(id(pending.userId()));
    }

    @Test
    void followingListsApprovedFolloweesWithTheCelebrityFlag() {
        TestUser reader = Api.newUser("gq_reader");
        TestUser celebrity = Api.newUser("gq_star");
        TestUser friend = Api.newUser("gq_friend");
        // The test profile's celebrity threshold is 5 followers.
        IntStream.range(0, 5).forEach(i -> Api.newUser("gq_star_fan").request()
                .put("/v1/users/" + celebrity.userId() + "/follow").then().statusCode(200));
        reader.request().put("/v1/users/" + celebrity.userId() + "/follow").then().statusCode(200);
        reader.request().put("/v1/users/" + friend.userId() + "/follow").then().statusCode(200);

        List<Following> following = service().listFollowing(ListFollowingRequest.newBuilder()
                        .setUserId(id(reader.userId())).build())
                .await().atMost(WAIT).getFollowingList();

        assertThat(following).extracting(Following::getUserId, Following::getCelebrity, Following::getFollowerCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(id(celebrity.userId()), true, 6L),
                        org.assertj.core.groups.Tuple.tuple(id(friend.userId()), false, 1L));
    }

    @Test
    void viewerStatesNameOnlyVisiblePostsWithTheViewersOwnFlags() {
        TestUser author = Api.newUser("vs_author");
        TestUser hidden = Api.newUser("vs_private");
        TestUser viewer = Api.newUser("vs_viewer");
        List<String> posts = fixtures.readyPosts(author, 2).stream().map(PostFixtures.Created::postId).toList();
        String privatePost = fixtures.ready(hidden, "private").postId();
        String deleted = fixtures.ready(author, "gone").postId();
        hidden.request().body(java.util.Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        author.request().delete("/v1/posts/" + deleted).then().statusCode(204);
        viewer.request().put("/v1/posts/" + posts.get(0) + "/like").then().statusCode(200);
        viewer.request().put("/v1/posts/" + posts.get(1) + "/save").then().statusCode(200);
        Api.newUser("vs_other").request().put("/v1/posts/" + posts.get(1) + "/like").then().statusCode(200);

        List<ViewerState> states = as(viewer).viewerStates(ViewerStatesRequest.newBuilder().setViewerId(id(viewer.userId()))
                        .addAllPostIds(List.of(id(posts.get(1)), id(privatePost), id(deleted), id(posts.get(0)))).build())
                .await().atMost(WAIT).getStatesList();

        assertThat(states).extracting(ViewerState::getPostId, ViewerState::getLikedByMe, ViewerState::getSavedByMe)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(id(posts.get(1)), false, true),
                        org.assertj.core.groups.Tuple.tuple(id(posts.get(0)), true, false));
    }

    @Test
    void aCallWithoutAServiceTokenIsRefused() {
        TestUser viewer = Api.newUser("ga_none");
        assertRefused(MetadataUtils.newAttachHeadersInterceptor(new Metadata()), Status.Code.UNAUTHENTICATED);
        Metadata onlyTheViewer = new Metadata();
        onlyTheViewer.put(ServiceMetadata.VIEWER_TOKEN, viewer.accessToken());
        assertRefused(MetadataUtils.newAttachHeadersInterceptor(onlyTheViewer), Status.Code.UNAUTHENTICATED);
        // An end user's access token is not a service token.
        assertRefused(MetadataUtils.newAttachHeadersInterceptor(ServiceMetadata.of(viewer.accessToken(), null)),
                Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aForgedServiceTokenIsRefused() {
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        String forged = new LocalServiceTokens(otherKey, "feed-service", "post-service").token();
        assertRefused(MetadataUtils.newAttachHeadersInterceptor(ServiceMetadata.of(forged, null)), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void theViewerComesFromTheAccessTokenNotFromTheRequest() {
        TestUser owner = Api.newUser("gv_owner");
        TestUser stranger = Api.newUser("gv_stranger");
        String privatePost = fixtures.ready(owner, "mine").postId();
        owner.request().body(java.util.Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
        BatchGetPostsRequest asOwner = BatchGetPostsRequest.newBuilder().setViewerId(id(owner.userId()))
                .addPostIds(id(privatePost)).build();

        assertThat(as(owner).batchGetPosts(asOwner).await().atMost(WAIT).getPostsList()).hasSize(1);
        // A caller naming the owner while it holds the stranger's token is refused, not answered as the owner.
        assertThatThrownBy(() -> as(stranger).batchGetPosts(asOwner).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> service().viewerStates(ViewerStatesRequest.newBuilder().setViewerId(id(owner.userId()))
                        .addPostIds(id(privatePost)).build()).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        // Without a viewer token the call is anonymous: the private post is not there.
        assertThat(service().batchGetPosts(BatchGetPostsRequest.newBuilder().addPostIds(id(privatePost)).build())
                .await().atMost(WAIT).getPostsList()).isEmpty();
        // A signed-out session's access token is refused at once, as at the REST edge.
        TestUser leaving = Api.newUser("gv_leaving");
        leaving.request().delete("/v1/sessions/current").then().statusCode(204);
        assertThatThrownBy(() -> as(leaving).batchGetPosts(BatchGetPostsRequest.newBuilder().addPostIds(id(privatePost)).build())
                        .await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        // A tampered access token is no viewer at all.
        String tampered = owner.accessToken().substring(0, owner.accessToken().length() - 4) + "AAAA";
        assertRefused(MetadataUtils.newAttachHeadersInterceptor(ServiceMetadata.of(credentials.token(), tampered)),
                Status.Code.UNAUTHENTICATED);
    }

    private void assertRefused(io.grpc.ClientInterceptor headers, Status.Code code) {
        assertThatThrownBy(() -> stub.withInterceptors(headers).batchGetPosts(BatchGetPostsRequest.newBuilder()
                        .addPostIds(1).build()).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
        assertThatThrownBy(() -> stub.withInterceptors(headers).listFollowing(ListFollowingRequest.newBuilder()
                        .setUserId(1).build()).await().atMost(WAIT))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    /** The calls of a service acting for no user. */
    private MutinyPostQueryStub service() {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(ServiceMetadata.of(credentials.token(), null)));
    }

    /** The calls of a service acting for {@code viewer}. */
    private MutinyPostQueryStub as(TestUser viewer) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                ServiceMetadata.of(credentials.token(), viewer.accessToken())));
    }

    private static long id(String value) {
        return Long.parseLong(value);
    }
}
