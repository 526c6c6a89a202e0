package dev.shutter.bench.story;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.bench.RespPipeline;
import dev.shutter.bench.feed.FeedApi;
import dev.shutter.bench.feed.FeedSeed;
import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.bench.feed.RawZaddRate;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.testsupport.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v1/stories/{id}/views} to one story from {@code bench.stories.viewers} distinct
 * signed-in viewers (who do not follow the public author), {@code bench.stories.viewRequests}
 * requests at {@code bench.stories.viewConcurrency}, as views per second; beside it the same
 * number of pipelined {@code ZADD}s of those viewers into one key on the same Redis (one socket,
 * hand-written RESP). Then the owner's viewer count, which must equal the distinct viewers.
 */
final class StoryViewsBench {

    static final int VIEWERS = Integer.getInteger("bench.stories.viewers", 2_000);
    static final int CONCURRENCY = Integer.getInteger("bench.stories.viewConcurrency", 32);
    static final int REQUESTS = Integer.getInteger("bench.stories.viewRequests", 10_000);
    private static final int RAW_ROUNDS = 3;

    private StoryViewsBench() {}

    static void measure(FeedSeed seed, FeedApi accounts, StoriesApi api, RedisStreamEventBus bus, TestRedis redisServer)
            throws Exception {
        long seedStart = System.nanoTime();
        Account owner = seed.accounts("bench_story_owner", 1).getFirst();
        List<Account> viewers = seed.accounts("bench_story_viewer", VIEWERS);
        FeedApi.Session ownerSession = StoriesBench.signIn(accounts, List.of(owner))[0];
        FeedApi.Session[] viewerSessions = StoriesBench.signIn(accounts, viewers);
        StoriesApi.Created story = api.create(ownerSession);
        StoriesBench.announceProcessed(bus, story);
        awaitLive(api, viewerSessions[0], story.storyId());
        System.out.printf("%nstory views: one story, %,d distinct signed-in viewers (seeded and signed in in %.0f s), "
                        + "%,d requests at concurrency %d (each viewer at least once)%n",
                VIEWERS, (System.nanoTime() - seedStart) / 1e9, REQUESTS, CONCURRENCY);

        ConcurrentLoad.Operation view = i -> StoriesApi.expect(
                api.view(viewerSessions[i % VIEWERS], story.storyId()), 204, "POST /v1/stories/{id}/views");
        // First views: each viewer once (a row and an interaction event each, then Redis).
        long firstStart = System.nanoTime();
        LatencyRecorder first = ConcurrentLoad.runOrFail("first views", CONCURRENCY, VIEWERS, view);
        double firstRate = VIEWERS / ((System.nanoTime() - firstStart) / 1e9);
        // JIT warm-up of the repeat path (views are idempotent).
        ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, Math.max(1, REQUESTS / 5), view);
        long start = System.nanoTime();
        LatencyRecorder views = ConcurrentLoad.runOrFail("views", CONCURRENCY, REQUESTS, view);
        double rate = REQUESTS / ((System.nanoTime() - start) / 1e9);
        // Context: the same service's cheapest authenticated-free answer at the same concurrency, the HTTP ceiling here.
        ConcurrentLoad.Operation live = i -> StoriesApi.expect(api.send("GET", "/q/health/live", null, null), 200, "live");
        ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, Math.max(1, REQUESTS / 5), live);
        long liveStart = System.nanoTime();
        LatencyRecorder health = ConcurrentLoad.runOrFail("health", CONCURRENCY, REQUESTS, live);
        double liveRate = REQUESTS / ((System.nanoTime() - liveStart) / 1e9);

        List<String> members = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            members.add(Long.toString(viewers.get(i % VIEWERS).userId()));
        }
        List<Double> raw = new ArrayList<>();
        String key = "bench:stories:raw-zadd";
        for (int round = 0; round < RAW_ROUNDS; round++) {
            raw.add(RawZaddRate.measureOneKey(redisServer.host(), redisServer.port(), key, members, System.currentTimeMillis()));
        }
        RespPipeline.call(redisServer.host(), redisServer.port(), RespPipeline.command("DEL", key));
        double rawRate = StoriesBench.percentile(raw, 50);

        JsonNode seenBy = api.viewers(ownerSession, story.storyId());
        long count = seenBy.path("viewerCount").asLong(-1);
        System.out.printf("first views (row + event + Redis)        %,9.0f views/s   %s%n", firstRate, first.summary());
        System.out.printf("POST /v1/stories/{id}/views (one story)  %,9.0f views/s   %s%n", rate, views.summary());
        System.out.printf("context: GET /q/health/live, same conc.  %,9.0f answers/s %s (views at %.0f%% of it)%n",
                liveRate, health.summary(), 100 * rate / liveRate);
        System.out.printf("floor (pipelined ZADD to one key)        %,9.0f writes/s (median of %d)%n", rawRate, RAW_ROUNDS);
        System.out.printf("views ratio %.1f%% of raw ZADD (target ≥ 50%%): %s%n", 100 * rate / rawRate,
                StoriesBench.verdict(rate >= 0.5 * rawRate));
        System.out.printf("viewer count the owner sees: %,d for %,d distinct viewers (first page %d viewers): %s%n",
                count, VIEWERS, seenBy.path("items").size(), StoriesBench.verdict(count == VIEWERS));
    }

    private static void awaitLive(StoriesApi api, FeedApi.Session viewer, long storyId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (api.get(viewer, storyId).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("story " + storyId + " not live after a minute");
            }
            Thread.sleep(100);
        }
    }
}
