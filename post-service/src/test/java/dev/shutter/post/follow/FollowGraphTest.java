package dev.shutter.post.follow;

import static dev.shutter.post.follow.Follows.follow;
import static dev.shutter.post.follow.Follows.makePrivate;
import static dev.shutter.post.follow.Follows.newUsers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.post.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The graph as the gRPC PostQuery service will read it, called directly on the bean. */
@QuarkusTest
class FollowGraphTest {

    @Inject
    FollowGraph graph;

    @Test
    void approvedFollowersPageInIdOrderWithoutPendingOrErasedAccounts() {
        List<TestUser> users = newUsers("fanout", 7);
        TestUser author = users.getFirst();
        List<TestUser> approved = users.subList(1, 5);
        TestUser erased = users.get(5);
        TestUser pending = users.get(6);
        for (TestUser fan : approved) {
            follow(fan, author);
        }
        follow(erased, author);
        Follows.erase(erased);
        makePrivate(author, true);
        follow(pending, author);

        long authorId = Long.parseLong(author.userId());
        List<Long> streamed = new ArrayList<>();
        long after = 0;
        List<Long> page;
        do {
            long from = after;
            page = await(() -> graph.approvedFollowers(authorId, from, 3));
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            streamed.addAll(page);
            after = page.isEmpty() ? after : page.getLast();
        } while (page.size() == 3);

        assertThat(streamed).isSortedAccordingTo(Comparator.naturalOrder())
                .containsExactlyInAnyOrderElementsOf(approved.stream().map(u -> Long.parseLong(u.userId())).toList());
        assertThat(await(() -> graph.approvedFollowers(authorId, streamed.getLast(), 3))).isEmpty();
    }

    @Test
    void followingFlagsCelebrities() {
        // The test profile sets shutter.celebrities.threshold to 5.
        List<TestUser> users = newUsers("reader", 7);
        TestUser reader = users.get(0);
        TestUser star = users.get(1);
        TestUser friend = users.get(2);
        follow(reader, star);
        for (TestUser fan : users.subList(3, 7)) {
            follow(fan, star);
        }
        follow(reader, friend);
        TestUser requested = users.get(3);
        makePrivate(requested, true);
        follow(reader, requested);

        List<FollowedAccount> following = await(() -> graph.following(Long.parseLong(reader.userId())));
        assertThat(following).containsExactlyInAnyOrder(
                new FollowedAccount(Long.parseLong(star.userId()), true, 5),
                new FollowedAccount(Long.parseLong(friend.userId()), false, 1));
        assertThat(await(() -> graph.following(4242))).isEmpty();
    }

    /** Hibernate Reactive runs on a Vert.x context: subscribe there and wait for the answer. */
    private static <T> T await(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
