package dev.shutter.post.follow;

import static dev.shutter.post.follow.Follows.approve;
import static dev.shutter.post.follow.Follows.follow;
import static dev.shutter.post.follow.Follows.followerCount;
import static dev.shutter.post.follow.Follows.followingCount;
import static dev.shutter.post.follow.Follows.makePrivate;
import static dev.shutter.post.follow.Follows.newUsers;
import static dev.shutter.post.follow.Follows.profile;
import static dev.shutter.post.follow.Follows.unfollow;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FollowTest {

    @Test
    void followingAPublicAccountCountsOnBothSidesAndShowsInTheRelationship() {
        List<TestUser> users = newUsers("pub", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);

        assertThat(follow(ann, bob)).isEqualTo("following");

        JsonPath bobSeenByAnn = profile(ann, bob);
        assertThat(bobSeenByAnn.getString("userId")).isEqualTo(bob.userId());
        assertThat(bobSeenByAnn.getString("username")).isEqualTo(bob.username());
        assertThat(bobSeenByAnn.getInt("followerCount")).isEqualTo(1);
        assertThat(bobSeenByAnn.getInt("followingCount")).isZero();
        assertThat(bobSeenByAnn.getInt("postCount")).isZero();
        assertThat(bobSeenByAnn.getBoolean("isPrivate")).isFalse();
        assertThat(bobSeenByAnn.getString("relationship")).isEqualTo("following");
        assertThat(bobSeenByAnn.getString("email")).as("another account's email never shows").isNull();

        assertThat(profile(bob, ann).getString("relationship")).isEqualTo("none");
        assertThat(profile(ann, ann).getString("relationship")).isEqualTo("self");
        assertThat(followingCount(ann)).isEqualTo(1);
        assertThat(followerCount(bob)).isEqualTo(1);
    }

    @Test
    void followAndUnfollowAreIdempotent() {
        List<TestUser> users = newUsers("idem", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);

        assertThat(follow(ann, bob)).isEqualTo("following");
        assertThat(follow(ann, bob)).isEqualTo("following");
        assertThat(followerCount(bob)).isEqualTo(1);
        assertThat(followingCount(ann)).isEqualTo(1);

        unfollow(ann, bob);
        unfollow(ann, bob);
        assertThat(followerCount(bob)).isZero();
        assertThat(followingCount(ann)).isZero();
        assertThat(profile(ann, bob).getString("relationship")).isEqualTo("none");
    }

    @Test
    void aPrivateAccountIsRequestedAndCountsOnlyOnceApproved() {
        List<TestUser> users = newUsers("priv", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);
        makePrivate(bob, true);

        assertThat(follow(ann, bob)).isEqualTo("requested");
        assertThat(follow(ann, bob)).as("asking again changes nothing").isEqualTo("requested");
        assertThat(profile(ann, bob).getString("relationship")).isEqualTo("requested");
        assertThat(profile(ann, bob).getInt("followerCount")).isZero();
        assertThat(followingCount(ann)).isZero();

        bob.request().get("/v1/me/follow-requests").then().statusCode(200)
                .body("items.userId", equalTo(List.of(ann.userId())))
                .body("items[0].username", equalTo(ann.username()))
                .body("nextCursor", nullValue());

        approve(bob, ann);
        assertThat(profile(ann, bob).getString("relationship")).isEqualTo("following");
        assertThat(followerCount(bob)).isEqualTo(1);
        assertThat(followingCount(ann)).isEqualTo(1);
        assertThat(follow(ann, bob)).isEqualTo("following");
        bob.request().get("/v1/me/follow-requests").then().statusCode(200).body("items", equalTo(List.of()));
        bob.request().post("/v1/me/follow-requests/" + ann.userId() + "/approve").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(followerCount(bob)).as("approving twice counts once").isEqualTo(1);
    }

    @Test
    void denyingARequestRemovesIt() {
        List<TestUser> users = newUsers("deny", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);
        makePrivate(bob, true);
        follow(ann, bob);

        bob.request().post("/v1/me/follow-requests/" + ann.userId() + "/deny").then().statusCode(204);
        assertThat(profile(ann, bob).getString("relationship")).isEqualTo("none");
        assertThat(followerCount(bob)).isZero();
        bob.request().post("/v1/me/follow-requests/" + ann.userId() + "/deny").then().statusCode(404);
        bob.request().post("/v1/me/follow-requests/" + ann.userId() + "/approve").then().statusCode(404);
        assertThat(follow(ann, bob)).as("a denied account may ask again").isEqualTo("requested");
    }

    @Test
    void unfollowingWithdrawsAPendingRequest() {
        List<TestUser> users = newUsers("withdraw", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);
        makePrivate(bob, true);
        follow(ann, bob);

        unfollow(ann, bob);
        assertThat(profile(ann, bob).getString("relationship")).isEqualTo("none");
        bob.request().get("/v1/me/follow-requests").then().statusCode(200).body("items", equalTo(List.of()));
        bob.request().post("/v1/me/follow-requests/" + ann.userId() + "/approve").then().statusCode(404);
        assertThat(followerCount(bob)).isZero();
        assertThat(followingCount(ann)).isZero();
    }

    @Test
    void turningPublicApprovesPendingRequestsAndCountsThem() {
        List<TestUser> users = newUsers("topublic", 3);
        TestUser star = users.get(0);
        makePrivate(star, true);
        follow(users.get(1), star);
        follow(users.get(2), star);

        makePrivate(star, false);
        assertThat(followerCount(star)).isEqualTo(2);
        assertThat(followingCount(users.get(1))).isEqualTo(1);
        assertThat(profile(users.get(2), star).getString("relationship")).isEqualTo("following");
        star.request().get("/v1/me/follow-requests").then().body("items", equalTo(List.of()));
    }

    @Test
    void followingOneselfUnknownErasedOrMalformedAccountsIsRefused() {
        List<TestUser> users = newUsers("refuse", 2);
        TestUser ann = users.get(0);
        TestUser gone = users.get(1);
        Follows.erase(gone);

        ann.request().put("/v1/users/" + ann.userId() + "/follow").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("userId"));
        ann.request().put("/v1/users/4242/follow").then().statusCode(404).contentType("application/problem+json");
        ann.request().put("/v1/users/" + gone.userId() + "/follow").then().statusCode(404);
        ann.request().put("/v1/users/not-an-id/follow").then().statusCode(404).contentType("application/problem+json");
        ann.request().get("/v1/users/" + gone.username()).then().statusCode(404);
        ann.request().get("/v1/users/nobody_" + ann.username()).then().statusCode(404).contentType("application/problem+json");
        ann.request().delete("/v1/users/4242/follow").then().statusCode(204);
        assertThat(followingCount(ann)).isZero();
    }

    @Test
    void everyGraphCallNeedsAToken() {
        given().get("/v1/users/someone").then().statusCode(401).contentType("application/problem+json");
        given().put("/v1/users/1/follow").then().statusCode(401);
        given().delete("/v1/users/1/follow").then().statusCode(401);
        given().get("/v1/users/1/followers").then().statusCode(401);
        given().get("/v1/users/1/following").then().statusCode(401);
        given().get("/v1/me/follow-requests").then().statusCode(401);
        given().post("/v1/me/follow-requests/1/approve").then().statusCode(401);
        given().post("/v1/me/follow-requests/1/deny").then().statusCode(401);
    }
}
