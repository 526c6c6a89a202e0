package dev.shutter.bench.feed;

import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.bench.BenchPostService;
import dev.shutter.bench.PostQueryCalls;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * feed-service, run from its built jar beside the built post-service on the bench's own
 * PostgreSQL and Redis: fan-out of one post to thousands of followers against the raw pipelined
 * ZADD rate of the same Redis, then feed reads at a fixed concurrency against their floor (one
 * ZREVRANGE plus one BatchGetPosts of the page's posts).
 */
public final class FeedBench {

    public static final String PASSWORD = "bench password 123";
    /** As TimelineStore.build writes it: the built marker, kept for inactive-after (7 days). */
    private static final long INACTIVE_AFTER_MILLIS = 7L * 24 * 3600 * 1000;

    private FeedBench() {}

    public static void run() {
        try {
            TestPostgres postgres = TestPostgres.shared();
            String database = postgres.database("bench_feed");
            TestRedis redisServer = TestRedis.shared();
            Path dataDir = Files.createTempDirectory("feed-bench-post-service-");
            Path postJar = Path.of(System.getProperty("bench.postService.jar", "post-service/target/quarkus-app/quarkus-run.jar"));
            Path feedJar = Path.of(System.getProperty("bench.feedService.jar", "feed-service/target/quarkus-app/quarkus-run.jar"));
            Path serviceKey = BenchPostService.serviceKey(dataDir);
            Map<String, String> postConfig = BenchPostService.config(postgres, database, dataDir);
            try (ServiceProcess posts = ServiceJars.start("post-service", postJar, postConfig, jvmArgs("bench.postService.jvmArgs"));
                    ServiceProcess feed = ServiceJars.start("feed-service", feedJar, Map.of(
                            "quarkus.redis.hosts", redisServer.uri(),
                            "shutter.post-service.host", "127.0.0.1",
                            "shutter.post-service.port", Integer.toString(posts.port()),
                            "shutter.service-auth.key-file", serviceKey.toString(),
                            "shutter.feed.fanout-page-size", Integer.toString(FanoutBench.PAGE_SIZE),
                            "quarkus.log.level", "WARN"), jvmArgs("bench.feedService.jvmArgs"))) {
                System.out.printf("post-service log %s, feed-service log %s%n", posts.log(), feed.log());
                FeedApi api = new FeedApi(posts.baseUri(), feed.baseUri());
                long template = Long.parseLong((String) api.signUp("bench_feed_template", PASSWORD).get("userId"));
                Vertx vertx = Vertx.vertx();
                Redis redis = Redis.createClient(vertx, RedisStreamEventBus.clientOptions(redisServer.uri()).setMaxPoolSize(32));
                try (FeedSeed seed = new FeedSeed(postgres.jdbcUrl(database), template);
                        RedisStreamEventBus bus = RedisStreamEventBus.create(redisServer.uri());
                        PostQueryCalls postQuery = new PostQueryCalls(posts.port(), serviceKey)) {
                    // bench.feed.only=fanout or reads runs one half (e.g. to profile it).
                    String only = System.getProperty("bench.feed.only", "");
                    if (!only.equals("reads")) {
                        FanoutBench.measure(seed, redis, bus, api, redisServer, postQuery);
                    }
                    if (!only.equals("fanout")) {
                        FeedReadBench.measure(seed, redis, bus, api, postQuery);
                    }
                } finally {
                    redis.close();
                    vertx.closeAndAwait();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("feed bench failed", e);
        }
    }

    /** e.g. -Dbench.feedService.jvmArgs=-XX:StartFlightRecording=filename=/tmp/feed.jfr to profile the service. */
    private static List<String> jvmArgs(String property) {
        String extra = System.getProperty(property, "").strip();
        return extra.isEmpty() ? List.of() : List.of(extra.split(" +"));
    }

    /** As feed-service's TimelineKeys.timeline: users spread over 256 hash-tag buckets. */
    static String timeline(long userId) {
        return "timeline:{t" + Math.floorMod(userId, 256L) + "}:" + userId;
    }

    /**
     * Marks these users' timelines built and empty, exactly as TimelineStore.build leaves them,
     * so fan-out writes to them.
     */
    static void buildTimelines(Redis redis, List<Account> users) {
        for (int from = 0; from < users.size(); from += 1_000) {
            List<Request> requests = new ArrayList<>();
            for (Account user : users.subList(from, Math.min(users.size(), from + 1_000))) {
                requests.add(Request.cmd(Command.ZADD).arg(timeline(user.userId())).arg(0).arg("0"));
                requests.add(Request.cmd(Command.PEXPIRE).arg(timeline(user.userId())).arg(INACTIVE_AFTER_MILLIS));
            }
            redis.batch(requests).await().indefinitely();
        }
    }

    /** A counter (or gauge) from the service's Prometheus text; 0 when absent. */
    static double metric(String prometheus, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(prometheus);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
