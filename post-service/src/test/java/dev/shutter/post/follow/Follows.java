package dev.shutter.post.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** The social graph as a client drives it, for this package's tests. */
final class Follows {

    private Follows() {}

    /** Several users at once: sign-up hashes passwords, so doing it in parallel keeps tests short. */
    static List<TestUser> newUsers(String prefix, int count) {
        return concurrently(count, i -> Api.newUser(prefix));
    }

    /** {@code PUT /v1/users/{id}/follow}; returns the state. */
    static String follow(TestUser follower, TestUser followee) {
        return follower.request().put("/v1/users/" + followee.userId() + "/follow")
                .then().statusCode(200).extract().path("state");
    }

    static void unfollow(TestUser follower, TestUser followee) {
        follower.request().delete("/v1/users/" + followee.userId() + "/follow").then().statusCode(204);
    }

    static void approve(TestUser followee, TestUser requester) {
        followee.request().post("/v1/me/follow-requests/" + requester.userId() + "/approve").then().statusCode(204);
    }

    static void makePrivate(TestUser user, boolean isPrivate) {
        user.request().body(Map.of("isPrivate", isPrivate)).patch("/v1/me").then().statusCode(200);
    }

    static void erase(TestUser user) {
        user.request().delete("/v1/me").then().statusCode(202);
    }

    /** {@code GET /v1/users/{username}} as the viewer sees it. */
    static JsonPath profile(TestUser viewer, TestUser user) {
        return viewer.request().get("/v1/users/" + user.username()).then().statusCode(200).extract().jsonPath();
    }

    static int followerCount(TestUser user) {
        return user.request().get("/v1/me").then().statusCode(200).extract().path("followerCount");
    }

    static int followingCount(TestUser user) {
        return user.request().get("/v1/me").then().statusCode(200).extract().path("followingCount");
    }

    /** Every user ID of a paged list, following nextCursor to the end; fails on a repeated ID. */
    static List<String> allPages(TestUser viewer, String path, int limit) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            var request = viewer.request().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            List<String> pageIds = page.getList("items.userId", String.class);
            assertThat(pageIds).hasSizeLessThanOrEqualTo(limit);
            for (String id : pageIds) {
                assertThat(seen.add(id)).as("%s listed twice", id).isTrue();
            }
            ids.addAll(pageIds);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs the tasks on as many threads, released together so their requests overlap. */
    static <T> List<T> concurrently(int count, Task<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = IntStream.range(0, count)
                    .mapToObj(i -> pool.submit((Callable<T>) () -> {
                        start.await();
                        return task.run(i);
                    }))
                    .toList();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError("a concurrent task failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
