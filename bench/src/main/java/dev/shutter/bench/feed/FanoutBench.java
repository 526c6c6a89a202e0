package dev.shutter.bench.feed;

import dev.shutter.contracts.events.EventTypes;
import com.google.protobuf.Timestamp;
import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.contracts.post.v1.PostQueryGrpc;
import dev.shutter.contracts.post.v1.StreamFollowersRequest;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.bench.PostQueryCalls;
import dev.shutter.testsupport.TestRedis;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out of one post to {@code bench.feed.followers} followers with built timelines: from the
 * {@code post.published} envelope on the bus (as post-service's outbox relay publishes it) until
 * every follower's timeline holds the post, as timeline writes per second; beside it, one
 * pipelined ZADD of one member into the same keys from one socket.
 */
final class FanoutBench {

    static final int FOLLOWERS = Integer.getInteger("bench.feed.followers", 5_000);
    static final int ROUNDS = Integer.getInteger("bench.feed.fanoutRounds", 7);
    /** As feed-service asks (shutter.feed.fanout-page-size, default 1,000), for the StreamFollowers figure. */
    static final int PAGE_SIZE = Integer.getInteger("bench.feed.fanoutPageSize", 1_000);
    /**
     * Unmeasured rounds first: a service under steady load runs its fan-out code compiled, and a
     * handful of rounds leave it interpreted (measured: ~35 ms per post after 3 rounds, ~25 after 20).
     */
    static final int WARMUP = Integer.getInteger("bench.feed.fanoutWarmup", 20);

    private FanoutBench() {}

    static void measure(FeedSeed seed, Redis redis, RedisStreamEventBus bus, FeedApi api, TestRedis server,
            PostQueryCalls postQuery) throws Exception {
        Account author = seed.accounts("bench_fan_author", 1).getFirst();
        List<Account> followers = new ArrayList<>(seed.accounts("bench_fan", FOLLOWERS));
        // post-service streams followers in ID order: the last of them is written last.
        followers.sort(Comparator.comparingLong(Account::userId));
        Map<Long, List<Long>> follows = new java.util.HashMap<>();
        followers.forEach(f -> follows.put(f.userId(), List.of(author.userId())));
        seed.follow(follows);
        FeedBench.buildTimelines(redis, followers);
        List<String> keys = followers.stream().map(f -> FeedBench.timeline(f.userId())).toList();

        IdGenerator ids = new IdGenerator(Snowflake.MAX_WORKER);
        int shard = Snowflake.shardForOwner(author.userId());
        double writesBefore = FeedBench.metric(api.metrics(), "feed_fanout_timeline_writes_total");
        List<Double> fanout = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> script = new ArrayList<>();
        System.out.printf("fan-out: one post to %,d followers with built timelines, %d rounds after %d of warm-up%n",
                FOLLOWERS, ROUNDS, WARMUP);
        for (int round = 1 - WARMUP; round <= ROUNDS; round++) {
            long floorPost = ids.next(shard);
            double rawRate = RawZaddRate.measure(server.host(), server.port(), keys, Snowflake.epochMillisOf(floorPost),
                    Long.toString(floorPost));
            long scriptPost = ids.next(shard);
            double scriptRate = RawZaddRate.measureScript(server.host(), server.port(), keys, Snowflake.epochMillisOf(scriptPost),
                    Long.toString(scriptPost));
            double rate = fanOut(redis, bus, author, keys, ids.next(shard));
            if (round == 1 - WARMUP) {
                System.out.printf("  first warm-up round (follower list streamed from post-service and stored): %,9.0f writes/s (%.0f ms)%n",
                        rate, FOLLOWERS / rate * 1000);
            }
            if (round > 0) {
                raw.add(rawRate);
                script.add(scriptRate);
                fanout.add(rate);
                System.out.printf("  round %d: fan-out %,9.0f writes/s   raw ZADD %,9.0f writes/s   script raw %,9.0f writes/s%n",
                        round, rate, rawRate, scriptRate);
            }
            Thread.sleep(200);
        }
        double written = FeedBench.metric(api.metrics(), "feed_fanout_timeline_writes_total") - writesBefore;
        double fanoutMedian = FeedBench.median(fanout);
        double rawMedian = FeedBench.median(raw);
        System.out.printf("fan-out (publish → all timelines)  %,9.0f timeline writes/s (median; %.0f ms per post)%n",
                fanoutMedian, FOLLOWERS / fanoutMedian * 1000);
        System.out.printf("floor (pipelined ZADD, one socket)  %,9.0f writes/s (median; %.1f ms per %,d)%n",
                rawMedian, FOLLOWERS / rawMedian * 1000, FOLLOWERS);
        System.out.printf("ratio %.0f%% of raw (target ≥ 50%%); feed_fanout_timeline_writes_total +%,.0f%n",
                100 * fanoutMedian / rawMedian, written);
        System.out.printf("for context, feed-service's bucket script sent raw over one socket (Redis alone): %,.0f writes/s%n",
                FeedBench.median(script));
        System.out.printf("for context, StreamFollowers of the %,d from post-service alone (gRPC, pages of %d): %.1f ms (median)%n",
                FOLLOWERS, PAGE_SIZE, streamFollowersMillis(postQuery, author.userId()));
    }

    /** Publishes the post as post-service would and waits until every timeline holds it; writes per second. */
    private static double fanOut(Redis redis, RedisStreamEventBus bus, Account author, List<String> keys, long postId) {
        Instant now = Instant.now();
        PostPublished published = PostPublished.newBuilder()
                .setPostId(postId).setAuthorId(author.userId())
                .setCreatedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .addHashtags("bench").setAuthorFollowerCount(keys.size())
                .build();
        String member = Long.toString(postId);
        String last = lastWritten(keys);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long start = System.nanoTime();
        bus.publish(EventTypes.POST_PUBLISHED, member, published).await().indefinitely();
        // feed-service writes the timelines bucket by bucket in bucket order, in one pipeline: a
        // timeline of the highest bucket is among the last written.
        while (redis.send(Request.cmd(Command.ZSCORE).arg(last).arg(member)).await().indefinitely() == null) {
            check(deadline, postId);
            LockSupport.parkNanos(1_000_000);
        }
        long end = System.nanoTime();
        while (holding(redis, keys, member) < keys.size()) {
            check(deadline, postId);
            LockSupport.parkNanos(1_000_000);
            end = System.nanoTime();
        }
        return keys.size() / ((end - start) / 1e9);
    }

    /** A timeline in the highest hash-tag bucket (keys are {@code timeline:{t<bucket>}:<userId>}). */
    private static String lastWritten(List<String> keys) {
        return keys.stream()
                .max(java.util.Comparator.comparingInt(key -> Integer.parseInt(key.substring(key.indexOf("{t") + 2, key.indexOf('}')))))
                .orElseThrow();
    }

    /** How long post-service takes to stream the author's followers, as fan-out asks for them. */
    private static double streamFollowersMillis(PostQueryCalls postQuery, long authorId) {
        PostQueryGrpc.PostQueryBlockingStub stub = postQuery.service();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            int followers = 0;
            var pages = stub.streamFollowers(StreamFollowersRequest.newBuilder().setAuthorId(authorId).setPageSize(PAGE_SIZE).build());
            while (pages.hasNext()) {
                followers += pages.next().getFollowerIdsCount();
            }
            if (followers != FOLLOWERS) {
                throw new IllegalStateException("streamed " + followers + " followers");
            }
            if (i >= 5) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return FeedBench.median(times);
    }

    private static int holding(Redis redis, List<String> keys, String member) {
        List<Request> scores = keys.stream().map(key -> Request.cmd(Command.ZSCORE).arg(key).arg(member)).toList();
        int holding = 0;
        for (Response score : redis.batch(scores).await().indefinitely()) {
            if (score != null) {
                holding++;
            }
        }
        return holding;
    }

    private static void check(long deadline, long postId) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("post " + postId + " did not reach every timeline within 60 s");
        }
    }
}
