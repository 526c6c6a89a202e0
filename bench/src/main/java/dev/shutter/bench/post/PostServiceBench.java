package dev.shutter.bench.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.bench.BenchPostService;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * post-service: {@code POST /v1/posts} p50/p99 at a fixed concurrency beside its floor (one
 * insert transaction plus one signed URL, done directly), and {@code BatchGetPosts} of 50 IDs.
 */
public final class PostServiceBench {

    static final int CONCURRENCY = Integer.getInteger("bench.posts.concurrency", 16);
    static final int REQUESTS = Integer.getInteger("bench.posts.requests", 3_000);
    static final ObjectMapper JSON = new ObjectMapper();

    private PostServiceBench() {}

    public static void run() {
        try {
            TestPostgres postgres = TestPostgres.shared();
            String database = postgres.database("bench_posts");
            Path dataDir = Files.createTempDirectory("post-service-bench-");
            Path jar = Path.of(System.getProperty("bench.postService.jar", "post-service/target/quarkus-app/quarkus-run.jar"));
            Map<String, String> config = BenchPostService.config(postgres, database, dataDir);
            System.out.printf("post-service: %d requests per measurement, concurrency %d%n", REQUESTS, CONCURRENCY);
            List<String> jvmArgs = BenchPostService.jvmArgs();
            try (ServiceProcess service = ServiceJars.start("post-service", jar, config, jvmArgs)) {
                PostsClient client = new PostsClient(service.baseUri());
                CreatePostFloor floor = new CreatePostFloor(postgres.jdbcUrl(database), dataDir);
                measureCreate(client, floor);
                BatchGetBench.measure(service, BenchPostService.serviceKey(dataDir), client, TestRedis.shared().uri());
            }
        } catch (Exception e) {
            throw new IllegalStateException("post-service bench failed", e);
        }
    }

    private static void measureCreate(PostsClient client, CreatePostFloor floor) throws Exception {
        PostsClient.Session[] authors = new PostsClient.Session[CONCURRENCY];
        for (int i = 0; i < CONCURRENCY; i++) {
            authors[i] = client.signUp("bench_author_" + i + "_" + System.nanoTime() % 100_000);
        }
        // Warm-up of both paths: JIT, connection pools.
        ConcurrentLoad.run(CONCURRENCY, REQUESTS / 5, i -> client.createPost(authors[i % CONCURRENCY]));
        ConcurrentLoad.run(CONCURRENCY, REQUESTS / 5, i -> floor.create());

        // Where the time goes: HTTP alone, then HTTP + token check + one read.
        LatencyRecorder http = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> client.send("GET", "/q/health/live", null, null, 200));
        LatencyRecorder me = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> client.send("GET", "/v1/me", authors[i % CONCURRENCY], null, 200));
        LatencyRecorder service = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> client.createPost(authors[i % CONCURRENCY]));
        LatencyRecorder direct = ConcurrentLoad.run(CONCURRENCY, REQUESTS, i -> floor.create());
        System.out.printf("GET /q/health/live (HTTP only) %s%n", http.summary());
        System.out.printf("GET /v1/me (token + one read)  %s%n", me.summary());
        System.out.printf("POST /v1/posts                 %s%n", service.summary());
        System.out.printf("floor (insert tx + signed URL) %s%n", direct.summary());
        System.out.printf("ratio p50 %.1fx, p99 %.1fx%n", service.percentileMillis(50) / direct.percentileMillis(50),
                service.percentileMillis(99) / direct.percentileMillis(99));
    }
}
