package dev.shutter.bench.feed;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.post.v1.BatchGetPostsRequest;
import dev.shutter.contracts.post.v1.PostQueryGrpc;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.bench.PostQueryCalls;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Feed reads with warm timelines: {@code bench.feed.readers} readers each following {@code
 * bench.feed.follows} of {@code bench.feed.authors} authors, whose {@code bench.feed.postsPerAuthor}
 * posts each were made ready through the real path (API, media.processed, outbox, fan-out), so
 * every timeline holds follows × postsPerAuthor posts. Each request is a fresh first page of 20
 * (timeline read, ranking, snapshot, hydration); its floor is one ZREVRANGE of the same timeline
 * plus one BatchGetPosts of those 20 straight to post-service, at the same concurrency.
 */
public final class FeedReadBench {

    static final int READERS = Integer.getInteger("bench.feed.readers", 200);
    static final int AUTHORS = Integer.getInteger("bench.feed.authors", 40);
    static final int FOLLOWS = Integer.getInteger("bench.feed.follows", 10);
    static final int POSTS_PER_AUTHOR = Integer.getInteger("bench.feed.postsPerAuthor", 30);
    static final int CONCURRENCY = Integer.getInteger("bench.feed.concurrency", 16);
    static final int REQUESTS = Integer.getInteger("bench.feed.requests", 3_000);
    static final int PAGE = 20;


    private FeedReadBench() {}


    static void measure(FeedSeed seed, Redis redis, RedisStreamEventBus bus, FeedApi api, PostQueryCalls postQuery)
            throws Exception {
        long seedStart = System.nanoTime();
        List<Account> authors = seed.accounts("bench_feed_author", AUTHORS);
        List<Account> readers = seed.accounts("bench_feed_reader", READERS);
        Map<Long, List<Long>> follows = new HashMap<>();
        for (int r = 0; r < READERS; r++) {
            List<Account> shuffled = new ArrayList<>(authors);
            Collections.shuffle(shuffled, new Random(r));
            follows.put(readers.get(r).userId(), shuffled.subList(0, FOLLOWS).stream().map(Account::userId).toList());
        }
        seed.follow(follows);
        // Built before the posts exist, so the posts arrive by fan-out as they become ready.
        FeedBench.buildTimelines(redis, readers);
        FeedApi.Session[] authorSessions = signIn(api, authors);
        FeedApi.Session[] readerSessions = signIn(api, readers);
        makePosts(api, bus, authorSessions);
        awaitTimelines(redis, readers, FOLLOWS * POSTS_PER_AUTHOR);
        System.out.printf("feed reads: %d readers, each following %d of %d authors with %d ready posts each "
                        + "(%d posts per timeline), seeded in %.0f s; concurrency %d, %,d requests per measurement%n",
                READERS, FOLLOWS, AUTHORS, POSTS_PER_AUTHOR, FOLLOWS * POSTS_PER_AUTHOR,
                (System.nanoTime() - seedStart) / 1e9, CONCURRENCY, REQUESTS);

        {
            // A first read per reader (rebuilds nothing: the timelines exist; stores the celebrity
            // list; fills the hydration cache), and its second page, whose cursor is kept.
            String[] cursors = new String[READERS];
            ConcurrentLoad.runOrFail("first reads", CONCURRENCY, READERS, i -> {
                FeedApi.Page first = firstPage(api, readerSessions[i]);
                cursors[i] = first.nextCursor();
                api.feed(readerSessions[i], cursors[i], PAGE);
            });
            // JIT warm-up of both paths.
            ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, REQUESTS / 5, i -> firstPage(api, readerSessions[i % READERS]));
            ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, REQUESTS / 5, i -> floor(redis, postQuery, readers.get(i % READERS), readerSessions[i % READERS]));

            String before = api.metrics();
            LatencyRecorder feed = ConcurrentLoad.runOrFail("feed", CONCURRENCY, REQUESTS,
                    i -> firstPage(api, readerSessions[i % READERS]));
            LatencyRecorder floor = ConcurrentLoad.runOrFail("floor", CONCURRENCY, REQUESTS,
                    i -> floor(redis, postQuery, readers.get(i % READERS), readerSessions[i % READERS]));
            LatencyRecorder second = ConcurrentLoad.runOrFail("second page", CONCURRENCY, REQUESTS,
                    i -> api.feed(readerSessions[i % READERS], cursors[i % READERS], PAGE));
            String after = api.metrics();
            double hits = FeedBench.metric(after, "shutter_post_cache_hits_total")
                    - FeedBench.metric(before, "shutter_post_cache_hits_total");
            double misses = FeedBench.metric(after, "shutter_post_cache_misses_total")
                    - FeedBench.metric(before, "shutter_post_cache_misses_total");
            System.out.printf("GET /v1/feed?limit=%d (fresh first page)  %s%n", PAGE, feed.summary());
            System.out.printf("floor (ZREVRANGE + BatchGetPosts %d)    %s%n", PAGE, floor.summary());
            System.out.printf("ratio p50 %.1fx, p99 %.1fx (target p99 ≤ 3x)%n",
                    feed.percentileMillis(50) / floor.percentileMillis(50), feed.percentileMillis(99) / floor.percentileMillis(99));
            System.out.printf("GET /v1/feed?cursor= (second page)       %s%n", second.summary());
            System.out.printf("hydration cache while measured: %.0f hits, %.0f misses%n", hits, misses);
        }
    }

    private static FeedApi.Page firstPage(FeedApi api, FeedApi.Session reader) throws Exception {
        FeedApi.Page page = api.feed(reader, null, PAGE);
        if (page.postIds().size() != PAGE) {
            throw new IllegalStateException("a first page held " + page.postIds().size() + " posts");
        }
        return page;
    }

    /** The floor of a first page: the reader's newest 20 timeline entries, hydrated in one call. */
    private static void floor(Redis redis, PostQueryCalls postQuery, Account reader, FeedApi.Session session) {
        Response members = redis.send(Request.cmd(Command.ZREVRANGE).arg(FeedBench.timeline(reader.userId())).arg(0).arg(PAGE - 1))
                .await().indefinitely();
        List<Long> ids = new ArrayList<>(PAGE);
        for (Response member : members) {
            ids.add(Long.parseLong(member.toString()));
        }
        int got = postQuery.as(session.accessToken())
                .batchGetPosts(BatchGetPostsRequest.newBuilder().setViewerId(reader.userId()).addAllPostIds(ids).build())
                .getPostsCount();
        if (got != PAGE) {
            throw new IllegalStateException("asked for " + PAGE + " posts, got " + got);
        }
    }

    /** Signs every account in, four at a time (Argon2 per sign-in takes both cores). */
    public static FeedApi.Session[] signIn(FeedApi api, List<Account> accounts) throws InterruptedException {
        FeedApi.Session[] sessions = new FeedApi.Session[accounts.size()];
        // Argon2 per sign-in: both cores.
        ConcurrentLoad.runOrFail("sign-in", 4, accounts.size(), i -> sessions[i] = api.signIn(accounts.get(i).userId(),
                accounts.get(i).username(), FeedBench.PASSWORD));
        return sessions;
    }

    /** Posts through the API, their media announced as processed as the media worker would: they become ready and fan out. */
    private static void makePosts(FeedApi api, RedisStreamEventBus bus, FeedApi.Session[] authors) throws InterruptedException {
        ConcurrentLoad.runOrFail("posts", 8, authors.length * POSTS_PER_AUTHOR, i -> {
            announceProcessed(bus, api.createPost(authors[i % authors.length]));
        });
    }

    /** The media worker's verdict on a post's photo: the post becomes ready (and fans out). */
    public static void announceProcessed(RedisStreamEventBus bus, FeedApi.CreatedPost post) {
        String base = "media/" + post.postId() + "/" + post.mediaId() + "/";
        MediaProcessed processed = MediaProcessed.newBuilder()
                .setPostId(post.postId()).setMediaId(post.mediaId()).setType("image")
                .putVariants("thumb", base + "thumb.webp").putVariants("medium", base + "medium.webp")
                .putVariants("hq", base + "hq.webp")
                .setWidth(1080).setHeight(1350).setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                .build();
        bus.publish(EventTypes.MEDIA_PROCESSED, Long.toString(post.postId()), processed).await().indefinitely();
    }

    /** Waits until every reader's timeline holds its posts (plus the built marker). */
    private static void awaitTimelines(Redis redis, List<Account> readers, int posts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        int full = 0;
        while (System.nanoTime() < deadline) {
            List<Request> sizes = readers.stream().map(r -> Request.cmd(Command.ZCARD).arg(FeedBench.timeline(r.userId()))).toList();
            full = 0;
            for (Response size : redis.batch(sizes).await().indefinitely()) {
                if (size.toInteger() >= posts + 1) {
                    full++;
                }
            }
            if (full == readers.size()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("only " + full + " of " + readers.size() + " timelines filled");
    }

}
