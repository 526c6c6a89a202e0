package dev.shutter.bench.story;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.bench.feed.FeedApi;
import dev.shutter.bench.feed.FeedSeed;
import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.testsupport.TestPostgres;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/stories/tray}: {@code bench.stories.readers} readers each following {@code
 * bench.stories.follows} accounts, {@code bench.stories.storyAuthors} of them (the same for every
 * reader) with 1 to {@code bench.stories.maxPerAuthor} live stories each, the rest drawn per reader
 * from a pool of accounts without stories; each reader has seen about a quarter of the stories.
 * Beside it the floor: the same data read straight, one round trip each (the follow list by JDBC,
 * one pipeline of ZRANGEBYSCORE over every followed account's live set, one pipeline of the
 * cards' GETs and the ZMSCORE of the reader's seen set), at the same concurrency.
 */
final class StoryTrayBench {

    static final int READERS = Integer.getInteger("bench.stories.readers", 20);
    static final int FOLLOWS = Integer.getInteger("bench.stories.follows", 2_000);
    static final int STORY_AUTHORS = Integer.getInteger("bench.stories.storyAuthors", 200);
    static final int MAX_PER_AUTHOR = Integer.getInteger("bench.stories.maxPerAuthor", 3);
    static final int CONCURRENCY = Integer.getInteger("bench.stories.concurrency", 8);
    static final int REQUESTS = Integer.getInteger("bench.stories.requests", 1_000);

    private StoryTrayBench() {}

    static void measure(FeedSeed seed, FeedApi accounts, StoriesApi api, RedisStreamEventBus bus, Redis redis, String jdbcUrl)
            throws Exception {
        long seedStart = System.nanoTime();
        List<Account> authors = seed.accounts("bench_story_author", STORY_AUTHORS);
        int others = FOLLOWS - STORY_AUTHORS;
        List<Account> quiet = seed.accounts("bench_story_quiet", 2 * others);
        List<Account> readers = seed.accounts("bench_story_reader", READERS);
        Map<Long, List<Long>> follows = new HashMap<>();
        for (int r = 0; r < READERS; r++) {
            List<Account> shuffled = new ArrayList<>(quiet);
            Collections.shuffle(shuffled, new Random(r));
            List<Long> followees = new ArrayList<>(FOLLOWS);
            authors.forEach(a -> followees.add(a.userId()));
            shuffled.subList(0, others).forEach(a -> followees.add(a.userId()));
            follows.put(readers.get(r).userId(), followees);
        }
        seed.follow(follows);
        FeedApi.Session[] authorSessions = StoriesBench.signIn(accounts, authors);
        FeedApi.Session[] readerSessions = StoriesBench.signIn(accounts, readers);

        // 1 to MAX_PER_AUTHOR stories per author, made live as the media worker would.
        Random random = new Random(7);
        List<Integer> storyAuthor = new ArrayList<>();
        for (int a = 0; a < STORY_AUTHORS; a++) {
            for (int s = 1 + random.nextInt(MAX_PER_AUTHOR); s > 0; s--) {
                storyAuthor.add(a);
            }
        }
        long[] storyIds = new long[storyAuthor.size()];
        ConcurrentLoad.runOrFail("stories", 8, storyAuthor.size(), i -> {
            StoriesApi.Created story = api.create(authorSessions[storyAuthor.get(i)]);
            storyIds[i] = story.storyId();
            StoriesBench.announceProcessed(bus, story);
        });
        int stories = storyIds.length;
        awaitTray(api, readerSessions[0], stories);
        // About a quarter of the stories seen by each reader (through the API), for the seen rings.
        int[] seenBy = new int[READERS];
        List<int[]> views = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            for (int s = 0; s < stories; s++) {
                if ((s + r) % 4 == 0) {
                    views.add(new int[] {r, s});
                    seenBy[r]++;
                }
            }
        }
        ConcurrentLoad.runOrFail("views", 8, views.size(), i -> StoriesApi.expect(
                api.view(readerSessions[views.get(i)[0]], storyIds[views.get(i)[1]]), 204, "POST views"));
        System.out.printf("%nstories tray: %d readers, each following %,d accounts of which %d have live stories "
                        + "(%d stories, 1-%d each; ~1/4 seen by each reader), seeded in %.0f s; concurrency %d, %,d requests per measurement%n",
                READERS, FOLLOWS, STORY_AUTHORS, stories, MAX_PER_AUTHOR, (System.nanoTime() - seedStart) / 1e9,
                CONCURRENCY, REQUESTS);

        // Every reader's tray checked once: all the story authors, every story, the seen flags.
        for (int r = 0; r < READERS; r++) {
            checkTray(api.tray(readerSessions[r]), stories, seenBy[r]);
        }
        // One JDBC connection per worker, opened before any measurement.
        List<Connection> connections = new ArrayList<>();
        ArrayBlockingQueue<PreparedStatement> followQueries = new ArrayBlockingQueue<>(CONCURRENCY);
        for (int c = 0; c < CONCURRENCY; c++) {
            Connection db = DriverManager.getConnection(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD);
            connections.add(db);
            followQueries.add(db.prepareStatement("SELECT followee_id FROM follows WHERE follower_id = ? AND state = 'following'"));
        }
        try {
            ConcurrentLoad.Operation tray = i -> StoriesApi.expect(
                    api.tray(readerSessions[i % READERS]), 200, "GET /v1/stories/tray");
            ConcurrentLoad.Operation floor = i -> {
                PreparedStatement followQuery = followQueries.take();
                try {
                    floor(followQuery, redis, readers.get(i % READERS).userId(), stories);
                } finally {
                    followQueries.put(followQuery);
                }
            };
            // JIT warm-up of both paths, connection pools.
            ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, REQUESTS / 5, tray);
            ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, REQUESTS / 5, floor);
            LatencyRecorder service = ConcurrentLoad.runOrFail("tray", CONCURRENCY, REQUESTS, tray);
            LatencyRecorder direct = ConcurrentLoad.runOrFail("floor", CONCURRENCY, REQUESTS, floor);
            double ratio = service.percentileMillis(99) / direct.percentileMillis(99);
            System.out.printf("GET /v1/stories/tray                          %s%n", service.summary());
            System.out.printf("floor (follows SQL + %,d ZRANGEBYSCORE + %d GET/ZMSCORE) %s%n", FOLLOWS + 1, stories, direct.summary());
            System.out.printf("tray ratio p50 %.1fx, p99 %.1fx (target p99 ≤ 3x floor): %s%n",
                    service.percentileMillis(50) / direct.percentileMillis(50), ratio, StoriesBench.verdict(ratio <= 3));
        } finally {
            for (Connection db : connections) {
                db.close();
            }
        }
    }

    /** The tray's data read straight: the follows, the live sets of all, the cards and the seen flags. */
    private static void floor(PreparedStatement followQuery, Redis redis, long readerId, int expected) throws SQLException {
        List<Long> accounts = new ArrayList<>(FOLLOWS + 1);
        accounts.add(readerId);
        followQuery.setLong(1, readerId);
        try (ResultSet rows = followQuery.executeQuery()) {
            while (rows.next()) {
                accounts.add(rows.getLong(1));
            }
        }
        String after = "(" + System.currentTimeMillis();
        List<Request> ranges = new ArrayList<>(accounts.size());
        for (long account : accounts) {
            ranges.add(Request.cmd(Command.ZRANGEBYSCORE).arg(StoriesBench.live(account)).arg(after).arg("+inf"));
        }
        List<Long> storyIds = new ArrayList<>();
        for (Response ids : redis.batch(ranges).await().indefinitely()) {
            if (ids != null) {
                ids.forEach(id -> storyIds.add(id.toLong()));
            }
        }
        List<Request> reads = new ArrayList<>(storyIds.size() + 1);
        Request seen = Request.cmd(Command.ZMSCORE).arg(StoriesBench.seen(readerId));
        for (long id : storyIds) {
            reads.add(Request.cmd(Command.GET).arg(StoriesBench.card(id)));
            seen.arg(id);
        }
        reads.add(seen);
        List<Response> answers = redis.batch(reads).await().indefinitely();
        int cards = 0;
        for (int i = 0; i < storyIds.size(); i++) {
            if (answers.get(i) != null) {
                cards++;
            }
        }
        if (storyIds.size() != expected || cards != expected) {
            throw new IllegalStateException("floor read " + storyIds.size() + " live stories, " + cards + " cards, expected " + expected);
        }
    }

    private static void checkTray(StoriesApi.Answer answer, int stories, int seen) throws Exception {
        StoriesApi.expect(answer, 200, "GET /v1/stories/tray");
        JsonNode items = StoriesApi.JSON.readTree(answer.body()).path("items");
        int shown = 0;
        int shownSeen = 0;
        for (JsonNode entry : items) {
            for (JsonNode story : entry.path("stories")) {
                shown++;
                if (story.path("seen").asBoolean()) {
                    shownSeen++;
                }
                if (story.path("media").path("variants").path("story").isMissingNode()) {
                    throw new IllegalStateException("a tray story without its story URL: " + story);
                }
            }
        }
        if (items.size() != STORY_AUTHORS || shown != stories || shownSeen != seen) {
            throw new IllegalStateException("a tray held " + items.size() + " accounts, " + shown + " stories, " + shownSeen
                    + " seen; expected " + STORY_AUTHORS + ", " + stories + ", " + seen);
        }
    }

    /** Waits until the tray holds every story (the live index is kept by story.published, after the outbox). */
    private static void awaitTray(StoriesApi api, FeedApi.Session reader, int stories) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int shown = 0;
        while (System.nanoTime() < deadline) {
            StoriesApi.Answer answer = api.tray(reader);
            StoriesApi.expect(answer, 200, "GET /v1/stories/tray");
            shown = 0;
            for (JsonNode entry : StoriesApi.JSON.readTree(answer.body()).path("items")) {
                shown += entry.path("stories").size();
            }
            if (shown == stories) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the tray shows " + shown + " of " + stories + " stories after 2 minutes");
    }
}
