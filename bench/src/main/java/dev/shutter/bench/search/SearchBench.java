package dev.shutter.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.bench.BenchPostService;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.bench.post.PostsClient;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.PostPublished;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestOpenSearch;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run search}: hashtag and user search on the real engine, each figure beside a floor
 * measured in the same run on the same engine.
 *
 * <ul>
 *   <li>Indexing: posts/s from {@code post.published} to searchable, beside the engine's own bulk
 *       API fed the same documents directly (target ≥ 50% of it).
 *   <li>{@code GET /v1/hashtags/{tag}/posts?sort=top} on an index of 200,000 posts (one tag on
 *       50,000), p50/p99 at a fixed concurrency, beside the same query sent raw (target p99 ≤ 2×):
 *       page 1 (which the API keeps 30 s in Redis) and pages 2–50 (the engine every time).
 *   <li>User prefix search likewise, on 50,000 accounts.
 * </ul>
 */
public final class SearchBench {

    static final int CONCURRENCY = Integer.getInteger("bench.search.concurrency", 8);
    static final int REQUESTS = Integer.getInteger("bench.search.requests", 2_000);
    static final int INDEXED_POSTS = Integer.getInteger("bench.search.indexPosts", 20_000);
    static final int TOTAL_POSTS = Integer.getInteger("bench.search.posts", 200_000);
    static final int HOT_TAG_POSTS = Integer.getInteger("bench.search.hotTagPosts", 50_000);
    static final int USERS = Integer.getInteger("bench.search.users", 50_000);
    static final String HOT_TAG = "benchhot";
    static final ObjectMapper JSON = new ObjectMapper();

    private SearchBench() {}

    public static void run() {
        // Mutiny's context propagation sets itself up on first use; the publisher's Vert.x thread and
        // this one doing that at once fail ("ContextManagerProvider already set"): do it here first.
        io.smallrye.mutiny.Uni.createFrom().completionStage(java.util.concurrent.CompletableFuture.completedFuture(1))
                .await().indefinitely();
        try {
            TestPostgres postgres = TestPostgres.shared();
            String database = postgres.database("bench_search");
            TestOpenSearch engine = TestOpenSearch.shared();
            Path dataDir = Files.createTempDirectory("search-bench-");
            Path jar = Path.of(System.getProperty("bench.postService.jar", "post-service/target/quarkus-app/quarkus-run.jar"));
            Map<String, String> config = BenchPostService.config(postgres, database, dataDir);
            config.put("quarkus.hibernate-search-standalone.elasticsearch.hosts", engine.hosts());
            System.out.printf("search: concurrency %d, %d requests per measurement%n", CONCURRENCY, REQUESTS);
            List<String> jvmArgs = BenchPostService.jvmArgs();
            try (ServiceProcess service = ServiceJars.start("post-service", jar, config, jvmArgs);
                    RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri())) {
                PostsClient client = new PostsClient(service.baseUri());
                EngineClient raw = new EngineClient(engine.uri());
                BenchData data = new BenchData(postgres.jdbcUrl(database));
                List<Long> authors = new ArrayList<>();
                PostsClient.Session reader = client.signUp("bench_reader_" + System.nanoTime() % 100_000);
                for (int i = 0; i < 20; i++) {
                    authors.add(Long.parseLong(client.signUp("bench_author_" + i + "_" + System.nanoTime() % 100_000).userId()));
                }
                raw.awaitIndex("posts-read");
                // Seeded first: the indexing figure is then of a warm engine and service, as the floor's is.
                seed(data, raw, authors);
                raw.settle("posts-read", "users-read");
                measureIndexing(client, data, bus, raw, authors);
                data.awaitQueueEmpty(Duration.ofMinutes(5));
                raw.settle("posts-read", "users-read");
                measureHashtagTop(client, reader, raw);
                measureUserSearch(client, reader, raw);
                printServerSide(client);
            }
        } catch (Exception e) {
            throw new IllegalStateException("search bench failed", e);
        }
    }

    /** post.published → searchable, against the same documents bulk-loaded straight into a scratch index. */
    private static void measureIndexing(PostsClient client, BenchData data, RedisStreamEventBus bus, EngineClient raw,
            List<Long> authors)
            throws Exception {
        String tag = "benchidx";
        List<BenchData.PostRow> posts = data.insertPosts(authors, INDEXED_POSTS, i -> tag + " t" + (i % 500));
        long start = System.nanoTime();
        long began = start;
        java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService progress = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        // Where the pipeline stands each second: published, taken by the service, waiting in its queue, searchable.
        progress.scheduleAtFixedRate(() -> {
            try {
                System.out.printf("  %4.1f s: published %,d, handled %,.0f, queued %,d, searchable %,d%n",
                        (System.nanoTime() - began) / 1e9, published.get(), handled(client), data.queued(),
                        raw.count("posts-read", "hashtags:" + tag));
            } catch (Exception e) {
                System.out.println("  progress unavailable: " + e);
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        // As the outbox relay publishes: a bounded window of publishes in flight.
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(64);
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        for (BenchData.PostRow post : posts) {
            window.acquire();
            bus.publish(EventTypes.POST_PUBLISHED, Long.toString(post.authorId()), PostPublished.newBuilder()
                            .setPostId(post.postId()).setAuthorId(post.authorId()).build())
                    .subscribe().with(ok -> {
                        published.incrementAndGet();
                        window.release();
                    }, failure -> {
                        failures.incrementAndGet();
                        window.release();
                    });
        }
        window.acquire(64);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures + " publishes failed");
        }
        raw.awaitCount("posts-read", "hashtags:" + tag, posts.size(), Duration.ofMinutes(10));
        progress.shutdownNow();
        double pipeline = posts.size() / ((System.nanoTime() - start) / 1e9);

        JsonNode mapping = raw.get("/posts-read/_mapping");
        JsonNode mappings = mapping.elements().next().get("mappings");
        raw.recreate("bench-floor", mappings);
        start = System.nanoTime();
        for (int from = 0; from < posts.size(); from += 500) {
            StringBuilder bulk = new StringBuilder();
            for (BenchData.PostRow post : posts.subList(from, Math.min(posts.size(), from + 500))) {
                bulk.append("{\"index\":{\"_id\":\"").append(post.postId()).append("\"}}\n").append(floorDocument(post)).append('\n');
            }
            raw.bulk("/bench-floor/_bulk", bulk.toString());
        }
        raw.awaitCount("bench-floor", "hashtags:" + tag, posts.size(), Duration.ofMinutes(5));
        double floor = posts.size() / ((System.nanoTime() - start) / 1e9);
        raw.delete("/bench-floor");
        System.out.printf("indexing: post.published → searchable %,.0f posts/s; engine bulk API direct %,.0f posts/s%n",
                pipeline, floor);
        verdict("indexing", pipeline / floor, 0.5, true);
    }

    /** What the indexer writes for a post, as JSON (the floor writes the same fields). */
    private static String floorDocument(BenchData.PostRow post) throws Exception {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("postId", post.postId());
        doc.put("authorId", post.authorId());
        ArrayNode tags = doc.putArray("hashtags");
        for (String tag : post.hashtags().split(" ")) {
            tags.add(tag);
        }
        doc.put("publishedAt", post.createdAt().toString());
        doc.put("likes", post.likes());
        doc.put("comments", 0);
        doc.put("saves", 0);
        doc.put("topScore", Math.log10(1 + post.likes()) + post.createdAt().getEpochSecond() / 43_200.0);
        return JSON.writeValueAsString(doc);
    }

    /**
     * 200,000 posts less the ones the indexing measurement adds (50,000 with the hot tag, with
     * likes), 50,000 accounts, through the indexer's own queue.
     */
    private static void seed(BenchData data, EngineClient raw, List<Long> authors) throws Exception {
        long start = System.nanoTime();
        int others = TOTAL_POSTS - HOT_TAG_POSTS - INDEXED_POSTS;
        data.insertPosts(authors, HOT_TAG_POSTS, i -> HOT_TAG + " t" + (i % 5_000));
        data.insertPosts(authors, Math.max(0, others), i -> "t" + (i % 5_000) + " u" + (i % 777));
        data.insertUsers(USERS);
        data.enqueueEverything();
        raw.awaitCount("posts-read", "*", TOTAL_POSTS - INDEXED_POSTS, Duration.ofMinutes(20));
        raw.awaitCount("users-read", "*", USERS, Duration.ofMinutes(10));
        data.awaitQueueEmpty(Duration.ofMinutes(5));
        System.out.printf("seeded %,d posts (%,d #%s) and %,d accounts through the index queue in %.0f s%n",
                TOTAL_POSTS - INDEXED_POSTS, HOT_TAG_POSTS, HOT_TAG, USERS, (System.nanoTime() - start) / 1e9);
    }

    private static void measureHashtagTop(PostsClient client, PostsClient.Session reader, EngineClient raw) throws Exception {
        // The cursors of pages 2..50, collected once by paging through the API.
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            Map<String, Object> body = client.send("GET", topPath(cursor), reader, null, 200);
            cursor = (String) body.get("nextCursor");
            if (cursor == null) {
                break;
            }
            cursors.add(cursor);
        }
        List<JsonNode> rawAfter = raw.topPages(HOT_TAG, cursors.size());
        warmUp(i -> client.send("GET", topPath(null), reader, null, 200));
        LatencyRecorder api1 = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> client.send("GET", topPath(null), reader, null, 200));
        LatencyRecorder apiDeep = ConcurrentLoad.run(CONCURRENCY, REQUESTS,
                i -> client.send("GET", topPath(cursors.get(i % cursors.size())), reader, null, 200));
        LatencyRecorder raw1 = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> raw.topPage(HOT_TAG, null));
        LatencyRecorder rawDeep = ConcurrentLoad.run(CONCURRENCY, REQUESTS,
                i -> raw.topPage(HOT_TAG, rawAfter.get(i % rawAfter.size())));
        System.out.printf("GET /v1/hashtags/%s/posts?sort=top page 1      %s%n", HOT_TAG, api1.summary());
        System.out.printf("raw engine query, page 1                       %s%n", raw1.summary());
        verdict("hashtag top page 1 p99", api1.percentileMillis(99) / raw1.percentileMillis(99), 2.0, false);
        System.out.printf("GET /v1/hashtags/%s/posts?sort=top pages 2-50  %s%n", HOT_TAG, apiDeep.summary());
        System.out.printf("raw engine query, search_after pages 2-50      %s%n", rawDeep.summary());
        verdict("hashtag top pages 2-50 p99", apiDeep.percentileMillis(99) / rawDeep.percentileMillis(99), 2.0, false);
    }

    private static void measureUserSearch(PostsClient client, PostsClient.Session reader, EngineClient raw) throws Exception {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queries.add(i % 2 == 0 ? "benchu" + (i * 37 % 500) : BenchData.NAMES[i % BenchData.NAMES.length].substring(0, 3).toLowerCase());
        }
        warmUp(i -> client.send("GET", "/v1/search/users?q=" + URLEncoder.encode(queries.getFirst(), StandardCharsets.UTF_8),
                reader, null, 200));
        LatencyRecorder api = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> client.send("GET",
                "/v1/search/users?q=" + URLEncoder.encode(queries.get(i % queries.size()), StandardCharsets.UTF_8), reader, null, 200));
        LatencyRecorder floor = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> raw.userPage(queries.get(i % queries.size())));
        System.out.printf("GET /v1/search/users?q=<prefix>                %s%n", api.summary());
        System.out.printf("raw engine query                               %s%n", floor.summary());
        verdict("user prefix search p99", api.percentileMillis(99) / floor.percentileMillis(99), 2.0, false);
    }

    /** The service's own view of the same requests (its HTTP server timer), to tell its time from the client's. */
    /** post.published deliveries the service's search subscription has acknowledged. */
    private static double handled(PostsClient client) throws Exception {
        return metricLines(client)
                .filter(line -> line.startsWith("shutter_events_acked_total") && line.contains("post-service-search")
                        && line.contains("post.published"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static java.util.stream.Stream<String> metricLines(PostsClient client) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(client.base().resolve("/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body().lines();
    }

    private static void printServerSide(PostsClient client) throws Exception {
        metricLines(client)
                .filter(line -> line.startsWith("http_server_requests_seconds") && (line.contains("hashtags") || line.contains("search")))
                .forEach(line -> System.out.println("  server: " + line));
    }

    private static String topPath(String cursor) {
        return "/v1/hashtags/" + HOT_TAG + "/posts?sort=top&limit=20"
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    private static void warmUp(ConcurrentLoad.Operation operation) throws InterruptedException {
        ConcurrentLoad.run(CONCURRENCY, REQUESTS / 4, i -> operation.run(i));
    }

    /** Prints the figure against its target: at least (higher is better) or at most. */
    static void verdict(String what, double ratio, double target, boolean atLeast) {
        boolean met = atLeast ? ratio >= target : ratio <= target;
        System.out.printf("  %s: %.2f× (target %s %.1f×): %s%n", what, ratio, atLeast ? "≥" : "≤", target, met ? "MET" : "NOT MET");
    }
}
