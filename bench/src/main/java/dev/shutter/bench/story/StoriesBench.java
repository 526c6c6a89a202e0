package dev.shutter.bench.story;

import dev.shutter.bench.BenchPostService;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.bench.feed.FeedApi;
import dev.shutter.bench.feed.FeedBench;
import dev.shutter.bench.feed.FeedReadBench;
import dev.shutter.bench.feed.FeedSeed;
import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * post-service's stories, run from its built jar on the bench's own PostgreSQL and Redis, accounts
 * and follows seeded by SQL ({@link FeedSeed}), stories made through the API and made live by a
 * {@code media.processed} with {@code story=true} on the bus, as the media worker announces them.
 * Three figures: the tray against its floor ({@link StoryTrayBench}), views of one story against
 * raw ZADD ({@link StoryViewsBench}), and how late expired stories are still served, on a second
 * run of the service with a TTL of seconds ({@link StoryExpiryBench}).
 */
public final class StoriesBench {

    /** Story TTL of the first run (tray, views): long enough that nothing expires meanwhile. */
    static final String TTL = System.getProperty("bench.stories.ttl", "1h");


    private StoriesBench() {}

    public static void run() {
        try {
            TestPostgres postgres = TestPostgres.shared();
            String database = postgres.database("bench_stories");
            TestRedis redisServer = TestRedis.shared();
            Path dataDir = Files.createTempDirectory("stories-bench-post-service-");
            Path postJar = Path.of(System.getProperty("bench.postService.jar", "post-service/target/quarkus-app/quarkus-run.jar"));
            // bench.stories.only=tray, views or expiry runs one part.
            String only = System.getProperty("bench.stories.only", "");
            Vertx vertx = Vertx.vertx();
            Redis redis = Redis.createClient(vertx, RedisStreamEventBus.clientOptions(redisServer.uri()).setMaxPoolSize(32));
            FeedSeed seed = null;
            try (RedisStreamEventBus bus = RedisStreamEventBus.create(redisServer.uri())) {
                // SmallRye's context manager is set on first use, and two threads' first uses at once
                // fail ("ContextManagerProvider already set"): use it once here, before the workers do.
                Uni.createFrom().completionStage(CompletableFuture.completedFuture(null)).await().indefinitely();
                if (!only.equals("expiry")) {
                    Map<String, String> config = BenchPostService.config(postgres, database, dataDir);
                    config.put("shutter.stories.ttl", TTL);
                    try (ServiceProcess posts = ServiceJars.start("post-service", postJar, config, BenchPostService.jvmArgs())) {
                        System.out.printf("post-service log %s (stories ttl %s)%n", posts.log(), TTL);
                        FeedApi accounts = new FeedApi(posts.baseUri(), posts.baseUri());
                        seed = seed(seed, accounts, postgres.jdbcUrl(database));
                        StoriesApi api = new StoriesApi(posts.baseUri());
                        if (!only.equals("views")) {
                            StoryTrayBench.measure(seed, accounts, api, bus, redis, postgres.jdbcUrl(database));
                        }
                        if (!only.equals("tray")) {
                            StoryViewsBench.measure(seed, accounts, api, bus, redisServer);
                        }
                    }
                }
                if (only.isEmpty() || only.equals("expiry")) {
                    Map<String, String> config = BenchPostService.config(postgres, database, dataDir);
                    config.put("shutter.stories.ttl", StoryExpiryBench.TTL);
                    config.put("shutter.stories.sweep-interval", StoryExpiryBench.SWEEP);
                    try (ServiceProcess posts = ServiceJars.start("post-service", postJar, config, BenchPostService.jvmArgs())) {
                        System.out.printf("post-service log %s (stories ttl %s, sweeper every %s)%n", posts.log(),
                                StoryExpiryBench.TTL, StoryExpiryBench.SWEEP);
                        FeedApi accounts = new FeedApi(posts.baseUri(), posts.baseUri());
                        seed = seed(seed, accounts, postgres.jdbcUrl(database));
                        StoryExpiryBench.measure(seed, accounts, new StoriesApi(posts.baseUri()), bus);
                    }
                }
            } finally {
                if (seed != null) {
                    seed.close();
                }
                redis.close();
                vertx.closeAndAwait();
            }
        } catch (Exception e) {
            throw new IllegalStateException("stories bench failed", e);
        }
    }

    /** The seed, made on the first run of the service: its template account is signed up through the API. */
    private static FeedSeed seed(FeedSeed seed, FeedApi accounts, String jdbcUrl) throws Exception {
        if (seed != null) {
            return seed;
        }
        long template = Long.parseLong((String) accounts.signUp("bench_stories_template", FeedBench.PASSWORD).get("userId"));
        return new FeedSeed(jdbcUrl, template);
    }

    // As post-service's StoryKeys.

    static String live(long authorId) {
        return "stories:live:" + authorId;
    }

    static String card(long storyId) {
        return "story:{" + storyId + "}:card";
    }

    static String seen(long viewerId) {
        return "stories:seen:" + viewerId;
    }

    /** The media worker's verdict on a story's photo (as StoriesTest's processedImage): the story goes live. */
    static void announceProcessed(RedisStreamEventBus bus, StoriesApi.Created story) {
        String base = ObjectKeys.processedPrefix(story.item());
        MediaProcessed processed = MediaProcessed.newBuilder()
                .setStory(true).setPostId(story.storyId()).setMediaId(story.mediaId()).setType("image")
                .putVariants("story", base + "story.webp").putVariants("story.jpeg", base + "story.jpeg")
                .putVariants("thumb", base + "thumb.webp")
                .setWidth(1080).setHeight(1920).setBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                .build();
        bus.publish(EventTypes.MEDIA_PROCESSED, Long.toString(story.storyId()), processed).await().indefinitely();
    }

    static FeedApi.Session[] signIn(FeedApi api, List<Account> accounts) throws InterruptedException {
        return FeedReadBench.signIn(api, accounts);
    }



    static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    /** The p-th percentile (0..100) of values, nearest rank. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.size()) - 1));
        return sorted.get(index);
    }
}
