package dev.shutter.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Holds the generator's ledger against what the system shows, after a fault: each check polls
 * until it holds or its bound runs out (the system converges: events still in flight, a service
 * still catching up), then counts what is still wrong as lost.
 */
final class LedgerCheck {

    /** How long an accepted post may stay processing, counted from the end of its phase. */
    static final Duration PROCESSING_BOUND = Duration.ofMinutes(2);
    static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(60);

    private final ApiClient api;
    private final Sessions sessions;
    private final Network network;
    private final StackUnderTest stack;

    LedgerCheck(ApiClient api, Sessions sessions, Network network, StackUnderTest stack) {
        this.api = api;
        this.sessions = sessions;
        this.network = network;
        this.stack = stack;
    }

    record Result(long stuckPosts, long missingFromFeeds, long likeMismatches, long followerMismatches, long deadLetters,
            List<String> examples) {

        long lost() {
            return stuckPosts + missingFromFeeds + likeMismatches + followerMismatches + deadLetters;
        }

        ObjectNode json() {
            ObjectNode node = ApiClient.JSON.createObjectNode();
            node.put("postsNotReadyOrFailed", stuckPosts);
            node.put("postsMissingFromFollowersFeeds", missingFromFeeds);
            node.put("likeCountsNotTheLedgers", likeMismatches);
            node.put("followerCountsNotTheLedgers", followerMismatches);
            node.put("deadLetters", deadLetters);
            examples.forEach(node.putArray("examples")::add);
            return node;
        }
    }

    /** Seconds from the fault's end ({@code healedNanos}) until a signed-in read and a feed page answer 200 again. */
    double awaitRecovered(long healedNanos) throws InterruptedException {
        Account probe = network.accounts.getFirst();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (api.call("GET /v1/me (recovery probe)", "GET", "/v1/me", sessions.tokenOf(probe), null).status() == 200
                    && api.call("GET /v1/feed (recovery probe)", "GET", "/v1/feed?limit=1", sessions.tokenOf(probe), null).status() == 200) {
                return Math.max(0, (System.nanoTime() - healedNanos) / 1e9);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the stack did not recover within 3 minutes; its log: " + stack.log());
    }

    Result run(FeedVisibility visibility) throws InterruptedException {
        List<String> examples = new ArrayList<>();
        long stuck = until(PROCESSING_BOUND, network.ledger.posts.entrySet(), post -> {
            String status = api.call("GET /v1/posts/{id}", "GET", "/v1/posts/" + post.getKey(), sessions.tokenOf(post.getValue()), null)
                    .body().path("status").asText();
            return status.equals("ready") || status.equals("failed");
        }, post -> "post " + post.getKey() + " neither ready nor failed", examples);
        long likes = until(CONVERGENCE_BOUND, network.ledger.likers.entrySet(), liked -> {
            long count = api.call("GET /v1/posts/{id}", "GET", "/v1/posts/" + liked.getKey(),
                    sessions.tokenOf(network.accounts.getFirst()), null).body().path("likeCount").asLong(-1);
            return count == liked.getValue().size();
        }, liked -> "post " + liked.getKey() + " likeCount is not " + liked.getValue().size(), examples);
        long followers = until(CONVERGENCE_BOUND, network.accounts, account -> {
            long count = api.call("GET /v1/users/{username}", "GET", "/v1/users/" + account.username,
                    sessions.tokenOf(network.accounts.getFirst()), null).body().path("followerCount").asLong(-1);
            return count == account.followers.size();
        }, account -> account.username + " followerCount is not " + account.followers.size(), examples);
        visibility.missing().stream().limit(3).forEach(missing -> examples.add("not in a follower's feed: " + missing));
        return new Result(stuck, visibility.missing().size(), likes, followers, Fault.deadLetters(stack), examples);
    }

    /** Polls the items that do not hold yet until all do or the bound is over; answers how many still do not. */
    private static <T> long until(Duration bound, Iterable<T> items, Predicate<T> holds, java.util.function.Function<T, String> describe,
            List<String> examples) throws InterruptedException {
        List<T> open = new ArrayList<>();
        items.forEach(open::add);
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            open.removeIf(holds);
            if (open.isEmpty() || System.nanoTime() > deadline) {
                open.stream().limit(3).map(describe).forEach(examples::add);
                return open.size();
            }
            Thread.sleep(1000);
        }
    }
}
