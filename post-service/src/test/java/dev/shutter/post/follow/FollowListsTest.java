package dev.shutter.post.follow;

import static dev.shutter.post.follow.Follows.allPages;
import static dev.shutter.post.follow.Follows.approve;
import static dev.shutter.post.follow.Follows.follow;
import static dev.shutter.post.follow.Follows.makePrivate;
import static dev.shutter.post.follow.Follows.newUsers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FollowListsTest {

    @Test
    void followersPageNewestFirstWithoutRepeatsOrGaps() {
        List<TestUser> users = newUsers("lists", 6);
        TestUser star = users.getFirst();
        List<TestUser> fans = users.subList(1, 6);
        for (TestUser fan : fans) {
            follow(fan, star);
        }
        List<String> newestFirst = fans.reversed().stream().map(TestUser::userId).toList();

        assertThat(allPages(fans.getFirst(), "/v1/users/" + star.userId() + "/followers", 2)).isEqualTo(newestFirst);
        assertThat(allPages(star, "/v1/users/" + star.userId() + "/followers", 5)).isEqualTo(newestFirst);
        assertThat(allPages(star, "/v1/users/" + star.userId() + "/followers", 100)).isEqualTo(newestFirst);

        star.request().get("/v1/users/" + star.userId() + "/followers?limit=2").then().statusCode(200)
                .body("items[0].userId", equalTo(fans.getLast().userId()))
                .body("items[0].username", equalTo(fans.getLast().username()))
                .body("items[0].displayName", equalTo(fans.getLast().username()))
                .body("items[0]", hasKey("avatarUrl"))
                .body("nextCursor", notNullValue());
    }

    @Test
    void followingListsTheAccountsFollowed() {
        List<TestUser> users = newUsers("following", 4);
        TestUser reader = users.getFirst();
        List<TestUser> followed = users.subList(1, 4);
        for (TestUser account : followed) {
            follow(reader, account);
        }
        assertThat(allPages(users.get(2), "/v1/users/" + reader.userId() + "/following", 2))
                .isEqualTo(followed.reversed().stream().map(TestUser::userId).toList());
    }

    @Test
    void pendingRequestsAndErasedAccountsAreNotListed() {
        List<TestUser> users = newUsers("omitted", 4);
        TestUser star = users.get(0);
        TestUser kept = users.get(1);
        TestUser erased = users.get(2);
        TestUser pending = users.get(3);
        follow(kept, star);
        follow(erased, star);
        Follows.erase(erased);
        makePrivate(star, true);
        follow(pending, star);

        assertThat(allPages(star, "/v1/users/" + star.userId() + "/followers", 20)).containsExactly(kept.userId());
        assertThat(allPages(star, "/v1/me/follow-requests", 20)).containsExactly(pending.userId());
        assertThat(allPages(kept, "/v1/users/" + kept.userId() + "/following", 20)).containsExactly(star.userId());
    }

    @Test
    void followRequestsPage() {
        List<TestUser> users = newUsers("requests", 4);
        TestUser star = users.getFirst();
        makePrivate(star, true);
        List<TestUser> askers = users.subList(1, 4);
        for (TestUser asker : askers) {
            follow(asker, star);
        }
        assertThat(allPages(star, "/v1/me/follow-requests", 2))
                .isEqualTo(askers.reversed().stream().map(TestUser::userId).toList());
    }

    @Test
    void aPrivateAccountsListsAre404ToStrangersOnly() {
        List<TestUser> users = newUsers("privlist", 3);
        TestUser star = users.get(0);
        TestUser fan = users.get(1);
        TestUser stranger = users.get(2);
        makePrivate(star, true);
        follow(fan, star);

        stranger.request().get("/v1/users/" + star.userId() + "/followers").then().statusCode(404)
                .contentType("application/problem+json");
        stranger.request().get("/v1/users/" + star.userId() + "/following").then().statusCode(404);
        fan.request().get("/v1/users/" + star.userId() + "/followers").then().statusCode(404);

        approve(star, fan);
        assertThat(allPages(fan, "/v1/users/" + star.userId() + "/followers", 20)).containsExactly(fan.userId());
        assertThat(allPages(star, "/v1/users/" + star.userId() + "/followers", 20)).containsExactly(fan.userId());
        fan.request().get("/v1/users/" + star.userId() + "/following").then().statusCode(200);
        stranger.request().get("/v1/users/" + star.userId() + "/followers").then().statusCode(404);
    }

    @Test
    void badCursorsAndLimitsAreRefused() {
        TestUser user = newUsers("badpage", 1).getFirst();
        String followers = "/v1/users/" + user.userId() + "/followers";
        user.request().get(followers + "?cursor=not-a-cursor").then().statusCode(400).contentType("application/problem+json");
        user.request().get(followers + "?cursor=" + java.util.Base64.getUrlEncoder().encodeToString("1:x".getBytes()))
                .then().statusCode(400);
        user.request().get(followers + "?limit=101").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        user.request().get(followers + "?limit=0").then().statusCode(422);
        user.request().get(followers + "?limit=lots").then().statusCode(400);
        user.request().get(followers + "?limit=100").then().statusCode(200).body("items", equalTo(List.of()));
        user.request().get("/v1/me/follow-requests?limit=101").then().statusCode(422);
        user.request().get("/v1/users/4242/followers").then().statusCode(404);
    }
}
