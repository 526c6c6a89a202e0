package dev.shutter.bench.explore;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.bench.BenchPostService;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.bench.PostQueryCalls;
import dev.shutter.bench.feed.FeedApi;
import dev.shutter.bench.feed.FeedBench;
import dev.shutter.bench.feed.FeedSeed;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.post.v1.BatchGetPostsRequest;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.ml.cli.BootstrapCommand;
import dev.shutter.ml.cli.PublishCommand;
import dev.shutter.ml.cli.TrainCommand;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import dev.shutter.models.Ranker;
import dev.shutter.models.RankerFeatures;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * explore-service from its built jar beside post-service, with a first release trained and
 * published by ml-models' own bootstrap: the ranker alone on 500 candidates; {@code GET
 * /v1/explore} on a cache miss (the whole pipeline) and a hit, beside the floor (one Redis read
 * plus one BatchGetPosts of the page); and a release swapped in under load.
 */
public final class ExploreServiceBench {

    static final int AUTHORS = Integer.getInteger("bench.explore.authors", 60);
    static final int POSTS_PER_AUTHOR = Integer.getInteger("bench.explore.postsPerAuthor", 10);
    static final int READERS = Integer.getInteger("bench.explore.readers", 100);
    static final int LIKES_PER_READER = Integer.getInteger("bench.explore.likes", 5);
    static final int CONCURRENCY = Integer.getInteger("bench.explore.concurrency", 8);
    static final int REQUESTS = Integer.getInteger("bench.explore.requests", 1_000);
    static final int PAGE = 20;
    static final double RANKER_P99_TARGET_MS = 5;
    static final double SWAP_P99_RATIO_TARGET = 1.5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ExploreServiceBench() {}

    public static void run() {
        try {
            service();
        } catch (Exception e) {
            throw new IllegalStateException("explore bench failed", e);
        }
    }

    /**
     * The published ranker on 500 candidates, single thread, as a request runs it: the feature
     * rows built by RankerFeatures, one ONNX Runtime run.
     */
    static void rankerAlone(Path storeDir) throws Exception {
        ModelStore store = ModelStore.local(storeDir);
        byte[] model = store.model(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().model(Ranker.NAME));
        int candidates = 500;
        int width = Ranker.FEATURES.size();
        Random random = new Random(1);
        float[] features = new float[candidates * width];
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(model, new OrtSession.SessionOptions())) {
            LatencyRecorder latencies = new LatencyRecorder(5_000);
            for (int run = 0; run < 6_000; run++) {
                long start = System.nanoTime();
                for (int i = 0; i < candidates; i++) {
                    float[] row = RankerFeatures.row(random.nextFloat() * 2 - 1, random.nextDouble() * 168, random.nextInt(500),
                            1 + random.nextInt(20), random.nextFloat(), random.nextBoolean(), random.nextInt(1000));
                    System.arraycopy(row, 0, features, i * width, width);
                }
                try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(features), new long[] {candidates, width});
                        OrtSession.Result result = session.run(Map.of("features", input))) {
                    result.get(0);
                }
                if (run >= 1_000) {
                    latencies.record(System.nanoTime() - start);
                }
            }
            double p99 = latencies.percentileMillis(99);
            System.out.printf("  ranker on %d candidates (features and one ONNX Runtime run, one thread): p50 %.3f ms, p99 %.3f ms; target p99 <= %.0f ms: %s%n",
                    candidates, latencies.percentileMillis(50), p99, RANKER_P99_TARGET_MS, p99 <= RANKER_P99_TARGET_MS ? "MET" : "NOT MET");
        }
    }

    static void service() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.database("bench_explore");
        TestRedis redisServer = TestRedis.shared();
        Path dataDir = Files.createTempDirectory("explore-bench-post-service-");
        Path work = Files.createTempDirectory("explore-bench-models-");
        Path store = work.resolve("store");
        Path postJar = Path.of(System.getProperty("bench.postService.jar", "post-service/target/quarkus-app/quarkus-run.jar"));
        Path exploreJar = Path.of(System.getProperty("bench.exploreService.jar", "explore-service/target/quarkus-app/quarkus-run.jar"));
        Path serviceKey = BenchPostService.serviceKey(dataDir);
        Map<String, String> postConfig = BenchPostService.config(postgres, database, dataDir);
        postConfig.put("shutter.limits.likes-per-window", "100000000");
        try (ServiceProcess posts = ServiceJars.start("post-service", postJar, postConfig, List.of())) {
            Map<String, String> exploreConfig = new HashMap<>();
            exploreConfig.put("quarkus.redis.hosts", redisServer.uri());
            exploreConfig.put("shutter.post-service.host", "127.0.0.1");
            exploreConfig.put("shutter.post-service.port", Integer.toString(posts.port()));
            exploreConfig.put("shutter.service-auth.key-file", serviceKey.toString());
            exploreConfig.put("shutter.models.local.root", store.toString());
            exploreConfig.put("shutter.data-dir", work.resolve("explore-data").toString());
            exploreConfig.put("shutter.explore.trending.refresh", "5s");
            exploreConfig.put("quarkus.log.level", "WARN");
            try (ServiceProcess explore = ServiceJars.start("explore-service", exploreJar, exploreConfig,
                    List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"))) {
                System.out.printf("post-service log %s, explore-service log %s%n", posts.log(), explore.log());
                measure(postgres.jdbcUrl(database), posts, explore, redisServer, serviceKey, store, work);
            }
        }
    }

    private static void measure(String jdbcUrl, ServiceProcess posts, ServiceProcess explore, TestRedis redisServer,
            Path serviceKey, Path store, Path work) throws Exception {
        FeedApi api = new FeedApi(posts.baseUri(), explore.baseUri());
        long template = Long.parseLong((String) api.signUp("bench_explore_template", FeedBench.PASSWORD).get("userId"));
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, RedisStreamEventBus.clientOptions(redisServer.uri()).setMaxPoolSize(32));
        try (FeedSeed seed = new FeedSeed(jdbcUrl, template);
                RedisStreamEventBus bus = RedisStreamEventBus.create(redisServer.uri());
                PostQueryCalls postQuery = new PostQueryCalls(posts.port(), serviceKey)) {
            long seedStart = System.nanoTime();
            BootstrapCommand.run(new HashMap<>(Map.of("store", store.toString(), "work", work.resolve("bootstrap").toString(),
                    "events", redisServer.uri())));
            String first = ModelStore.local(store).latestComplete(ModelRelease.EXPLORE).orElseThrow().version();
            rankerAlone(store);
            List<FeedSeed.Account> authors = seed.accounts("bench_explore_author", AUTHORS);
            List<FeedSeed.Account> readers = seed.accounts("bench_explore_reader", READERS);
            FeedApi.Session[] authorSessions = signIn(api, authors);
            FeedApi.Session[] readerSessions = signIn(api, readers);
            List<Long> postIds = makePosts(api, bus, authorSessions);
            awaitReady(posts.baseUri(), authorSessions[0], postIds);
            like(readerSessions, postIds, posts.baseUri());
            awaitPersonalized(explore.baseUri(), redis, readerSessions, first);
            System.out.printf("explore: %d authors x %d ready posts, %d readers with %d likes each, seeded in %.0f s; "
                            + "concurrency %d, %,d requests per measurement%n", AUTHORS, POSTS_PER_AUTHOR, READERS,
                    LIKES_PER_READER, (System.nanoTime() - seedStart) / 1e9, CONCURRENCY, REQUESTS);

            ConcurrentLoad.run(CONCURRENCY, REQUESTS / 4, i -> miss(explore.baseUri(), redis, readerSessions[i % READERS]));
            LatencyRecorder miss = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> miss(explore.baseUri(), redis, readerSessions[i % READERS]));
            Map<Long, List<Long>> pages = new HashMap<>();
            for (FeedApi.Session reader : readerSessions) {
                pages.put(reader.userId(), get(explore.baseUri(), reader));
            }
            LatencyRecorder hit = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> get(explore.baseUri(), readerSessions[i % READERS]));
            ConcurrentLoad.run(CONCURRENCY, REQUESTS / 4, i -> floor(redis, postQuery, readerSessions[i % READERS], pages));
            LatencyRecorder floor = ConcurrentLoad.run(CONCURRENCY, REQUESTS,
                    i -> floor(redis, postQuery, readerSessions[i % READERS], pages));
            System.out.println("  GET /v1/explore, cache miss: " + miss.summary());
            System.out.println("  GET /v1/explore, cache hit:  " + hit.summary());
            System.out.println("  floor (GET explore:{user} + BatchGetPosts of the page): " + floor.summary());
            System.out.printf("  miss p50 %.1fx the floor's, hit p50 %.1fx%n", miss.percentileMillis(50) / floor.percentileMillis(50),
                    hit.percentileMillis(50) / floor.percentileMillis(50));

            swapUnderLoad(explore.baseUri(), redis, readerSessions, store, work, miss, redisServer);
        } finally {
            redis.close();
            vertx.closeAndAwait();
        }
    }

    /** A second release trained first, then published (model.published) while cache misses run. */
    private static void swapUnderLoad(URI explore, Redis redis, FeedApi.Session[] readers, Path store, Path work,
            LatencyRecorder steady, TestRedis redisServer) throws Exception {
        Path dataset;
        try (Stream<Path> paths = Files.walk(work.resolve("bootstrap"))) {
            dataset = paths.filter(p -> p.getFileName().toString().equals("dataset")).findFirst().orElseThrow();
        }
        Path trained = work.resolve("second");
        TrainCommand.run(new HashMap<>(Map.of("data", dataset.toString(), "out", trained.toString(), "size", "quick", "seed", "2")));
        AtomicBoolean swapped = new AtomicBoolean();
        Thread publisher = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(2_000);
                PublishCommand.run(new HashMap<>(Map.of("model", trained.toString(), "store", store.toString(),
                        "force", "true", "events", redisServer.uri())));
                String second = ModelStore.local(store).latestComplete(ModelRelease.EXPLORE).orElseThrow().version();
                while (!second.equals(activeVersion(explore, "item-tower")) || !second.equals(activeVersion(explore, "ranker"))) {
                    Thread.sleep(200);
                }
                Thread.sleep(2_000);
            } catch (Exception e) {
                System.out.println("  swap: publishing failed: " + e.getMessage());
            } finally {
                swapped.set(true);
            }
        });
        LatencyRecorder during = new LatencyRecorder(REQUESTS);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            int offset = w;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; !swapped.get(); i += CONCURRENCY) {
                    long start = System.nanoTime();
                    try {
                        miss(explore, redis, readers[i % readers.length]);
                        during.record(System.nanoTime() - start);
                    } catch (Exception e) {
                        during.error();
                    }
                }
            }));
        }
        publisher.join();
        for (Thread worker : workers) {
            worker.join();
        }
        double ratio = during.percentileMillis(99) / steady.percentileMillis(99);
        System.out.println("  swap under load (cache misses while a release is published, loaded, indexed, swapped): " + during.summary());
        System.out.printf("  swap errors %d (target 0): %s; p99 during the swap %.1fx steady (target <= %.1fx): %s%n",
                during.errors(), during.errors() == 0 ? "MET" : "NOT MET", ratio, SWAP_P99_RATIO_TARGET,
                ratio <= SWAP_P99_RATIO_TARGET ? "MET" : "NOT MET");
    }

    private static List<Long> miss(URI explore, Redis redis, FeedApi.Session reader) throws Exception {
        redis.send(Request.cmd(Command.DEL).arg("explore:" + reader.userId())).await().indefinitely();
        return get(explore, reader);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> get(URI explore, FeedApi.Session reader) throws Exception {
        Map<String, Object> page = call(explore, "GET", "/v1/explore?limit=" + PAGE, reader);
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> Long.parseLong((String) item.get("postId"))).toList();
    }

    private static void floor(Redis redis, PostQueryCalls postQuery, FeedApi.Session reader, Map<Long, List<Long>> pages) {
        Response list = redis.send(Request.cmd(Command.GET).arg("explore:" + reader.userId())).await().indefinitely();
        if (list == null) {
            throw new IllegalStateException("no frozen list for " + reader.userId());
        }
        postQuery.as(reader.accessToken()).batchGetPosts(BatchGetPostsRequest.newBuilder().setViewerId(reader.userId())
                .addAllPostIds(pages.get(reader.userId())).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(URI base, String method, String path, FeedApi.Session session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (session != null) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
        }
        return response.body().length == 0 ? Map.of() : JSON.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static String activeVersion(URI explore, String name) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(explore.resolve("/admin/models")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        for (Map<String, Object> model : (List<Map<String, Object>>) JSON.readValue(response.body(), List.class)) {
            if (name.equals(model.get("name")) && model.get("active") instanceof Map<?, ?> active) {
                return (String) active.get("version");
            }
        }
        return "";
    }

    private static void awaitPersonalized(URI explore, Redis redis, FeedApi.Session[] readers, String version) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!version.equals(activeVersion(explore, "item-tower")) || !version.equals(activeVersion(explore, "ranker"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("explore-service did not load release " + version + " in 3 minutes");
            }
            Thread.sleep(500);
        }
        for (FeedApi.Session reader : new FeedApi.Session[] {readers[0], readers[readers.length - 1]}) {
            while (true) {
                redis.send(Request.cmd(Command.DEL).arg("explore:" + reader.userId())).await().indefinitely();
                if ("personalized".equals(call(explore, "GET", "/v1/explore", reader).get("source"))) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reader " + reader.userId() + " never got a personalised Explore");
                }
                Thread.sleep(500);
            }
        }
    }

    private static void awaitReady(URI posts, FeedApi.Session anyone, List<Long> postIds) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (long postId : postIds) {
            while (!"ready".equals(call(posts, "GET", "/v1/posts/" + postId, anyone).get("status"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("post " + postId + " is not ready after 2 minutes");
                }
                Thread.sleep(100);
            }
        }
    }

    private static FeedApi.Session[] signIn(FeedApi api, List<FeedSeed.Account> accounts) throws Exception {
        FeedApi.Session[] sessions = new FeedApi.Session[accounts.size()];
        ConcurrentLoad.run(8, accounts.size(), i -> sessions[i] = api.signIn(accounts.get(i).userId(), accounts.get(i).username(),
                FeedBench.PASSWORD));
        return sessions;
    }

    private static List<Long> makePosts(FeedApi api, RedisStreamEventBus bus, FeedApi.Session[] authors) throws Exception {
        List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        LatencyRecorder made = ConcurrentLoad.run(8, authors.length * POSTS_PER_AUTHOR, i -> {
            FeedApi.CreatedPost post = api.createPost(authors[i % authors.length]);
            String base = "media/" + post.postId() + "/" + post.mediaId() + "/";
            bus.publish(EventTypes.MEDIA_PROCESSED, Long.toString(post.postId()), MediaProcessed.newBuilder()
                    .setPostId(post.postId()).setMediaId(post.mediaId()).setType("image")
                    .putVariants("thumb", base + "thumb.webp").putVariants("medium", base + "medium.webp")
                    .putVariants("hq", base + "hq.webp").setWidth(1080).setHeight(1350)
                    .setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj").build()).await().indefinitely();
            ids.add(post.postId());
        });
        if (made.errors() > 0) {
            throw new IllegalStateException(made.errors() + " posts could not be made");
        }
        return ids;
    }

    private static void like(FeedApi.Session[] readers, List<Long> postIds, URI posts) throws Exception {
        Random random = new Random(3);
        List<long[]> likes = new ArrayList<>();
        for (int r = 0; r < readers.length; r++) {
            for (int l = 0; l < LIKES_PER_READER; l++) {
                likes.add(new long[] {r, postIds.get(random.nextInt(postIds.size()))});
            }
        }
        LatencyRecorder liked = ConcurrentLoad.run(8, likes.size(), i -> call(posts, "PUT",
                "/v1/posts/" + likes.get(i)[1] + "/like", readers[(int) likes.get(i)[0]]));
        if (liked.errors() > 0) {
            throw new IllegalStateException(liked.errors() + " likes failed");
        }
    }
}
