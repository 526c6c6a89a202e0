package dev.shutter.post.follow;

import static dev.shutter.post.follow.Follows.concurrently;
import static dev.shutter.post.follow.Follows.followerCount;
import static dev.shutter.post.follow.Follows.followingCount;
import static dev.shutter.post.follow.Follows.makePrivate;
import static dev.shutter.post.follow.Follows.newUsers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Counts stay exact when requests for the same account or the same pair overlap. */
@QuarkusTest
class FollowConcurrencyTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    FollowEdges edges;

    @Test
    void manyFollowersAtOnceAreEachCountedOnce() {
        List<TestUser> users = newUsers("crowd", 21);
        TestUser star = users.getFirst();
        List<TestUser> fans = users.subList(1, 21);

        List<String> states = concurrently(fans.size(), i -> Follows.follow(fans.get(i), star));
        assertThat(states).containsOnly("following");
        assertThat(followerCount(star)).isEqualTo(20);
        assertThat(Follows.allPages(star, "/v1/users/" + star.userId() + "/followers", 100)).hasSize(20);

        concurrently(fans.size(), i -> {
            Follows.unfollow(fans.get(i), star);
            return null;
        });
        assertThat(followerCount(star)).isZero();
        assertThat(followingCount(fans.get(7))).isZero();
    }

    @Test
    void theSamePairAtOnceCountsOnce() {
        List<TestUser> users = newUsers("pair", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);

        assertThat(concurrently(10, i -> Follows.follow(ann, bob))).containsOnly("following");
        assertThat(followerCount(bob)).isEqualTo(1);
        assertThat(followingCount(ann)).isEqualTo(1);

        concurrently(10, i -> {
            Follows.unfollow(ann, bob);
            return null;
        });
        assertThat(followerCount(bob)).isZero();
        assertThat(followingCount(ann)).isZero();

        // Follows and unfollows racing each other: whatever wins, the counts match the edge.
        concurrently(10, i -> {
            if (i % 2 == 0) {
                Follows.follow(ann, bob);
            } else {
                Follows.unfollow(ann, bob);
            }
            return null;
        });
        String relationship = Follows.profile(ann, bob).getString("relationship");
        int expected = relationship.equals("following") ? 1 : 0;
        assertThat(followerCount(bob)).isEqualTo(expected);
        assertThat(followingCount(ann)).isEqualTo(expected);
    }

    @Test
    void approvalsAndWithdrawalsAtOnceCountOnce() {
        List<TestUser> users = newUsers("approverace", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);
        makePrivate(bob, true);
        Follows.follow(ann, bob);

        // Five approvals against five withdrawals: either the approval or the withdrawal wins.
        concurrently(10, i -> i % 2 == 0
                ? bob.request().post("/v1/me/follow-requests/" + ann.userId() + "/approve").statusCode()
                : ann.request().delete("/v1/users/" + bob.userId() + "/follow").statusCode());
        String relationship = Follows.profile(ann, bob).getString("relationship");
        assertThat(relationship).isIn("following", "none");
        int expected = relationship.equals("following") ? 1 : 0;
        assertThat(followerCount(bob)).isEqualTo(expected);
        assertThat(followingCount(ann)).isEqualTo(expected);
    }

    @Test
    void aRequestThatMissedTheTurnToPublicIsApprovedByAskingAgain() throws Throwable {
        List<TestUser> users = newUsers("stale", 2);
        TestUser ann = users.get(0);
        TestUser bob = users.get(1);
        // What a request racing with bob turning public leaves behind: pending on a public account.
        VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> edges.create(session,
                Long.parseLong(ann.userId()), Long.parseLong(bob.userId()), FollowState.REQUESTED)));
        assertThat(Follows.profile(ann, bob).getString("relationship")).isEqualTo("requested");

        assertThat(Follows.follow(ann, bob)).isEqualTo("following");
        assertThat(followerCount(bob)).isEqualTo(1);
        assertThat(followingCount(ann)).isEqualTo(1);
        assertThat(Follows.follow(ann, bob)).isEqualTo("following");
        assertThat(followerCount(bob)).isEqualTo(1);
    }
}
