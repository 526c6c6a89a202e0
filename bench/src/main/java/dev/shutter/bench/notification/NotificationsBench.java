package dev.shutter.bench.notification;

import com.google.protobuf.Timestamp;
import dev.shutter.bench.BenchPostService;
import dev.shutter.bench.ConcurrentLoad;
import dev.shutter.bench.LatencyRecorder;
import dev.shutter.bench.feed.FeedApi;
import dev.shutter.bench.feed.FeedBench;
import dev.shutter.bench.feed.FeedReadBench;
import dev.shutter.bench.feed.FeedSeed;
import dev.shutter.bench.feed.FeedSeed.Account;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.ServiceJars;
import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import io.smallrye.mutiny.Uni;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * post-service's notifications, run from its built jar on the bench's own PostgreSQL and Redis,
 * accounts seeded by SQL ({@link FeedSeed}). Two figures:
 * <ul>
 *   <li>grouping: {@code bench.notifications.likes} likes of one post published as {@code
 *       engagement} events at once, until the author's {@code GET /v1/notifications} shows one
 *       item with that {@code actorCount}, as likes/s; beside the same number of actor rows
 *       written raw over JDBC, 500 per transaction;</li>
 *   <li>{@code GET /v1/notifications?limit=20} for a recipient with 500 items (comments) at a fixed
 *       concurrency, beside its floor: the one indexed query of the page over JDBC at the same
 *       concurrency.</li>
 * </ul>
 */
public final class NotificationsBench {

    static final int LIKES = Integer.getInteger("bench.notifications.likes", 20_000);
    static final int ITEMS = 500;
    static final int CONCURRENCY = Integer.getInteger("bench.notifications.concurrency", 16);
    static final int READS = Integer.getInteger("bench.notifications.reads", 4_000);
    private static final int ROWS_PER_TRANSACTION = 500;
    private static final String PAGE_QUERY = """
            SELECT notification_id, group_key, type, post_id, comment_id, last_activity_at FROM notifications
            WHERE recipient_id = ? ORDER BY last_activity_at DESC, notification_id DESC LIMIT 20""";

    private NotificationsBench() {}

    public static void run() {
        try {
            TestPostgres postgres = TestPostgres.shared();
            String database = postgres.database("bench_notifications");
            String jdbcUrl = postgres.jdbcUrl(database);
            Path dataDir = Files.createTempDirectory("notifications-bench-post-service-");
            Path postJar = Path.of(System.getProperty("bench.postService.jar", "post-service/target/quarkus-app/quarkus-run.jar"));
            try (RedisStreamEventBus bus = RedisStreamEventBus.create(TestRedis.shared().uri());
                    ServiceProcess posts = ServiceJars.start("post-service", postJar,
                            BenchPostService.config(postgres, database, dataDir), BenchPostService.jvmArgs())) {
                // SmallRye's context manager is set on first use; use it once before the workers do.
                Uni.createFrom().completionStage(CompletableFuture.completedFuture(null)).await().indefinitely();
                System.out.printf("post-service log %s%n", posts.log());
                FeedApi api = new FeedApi(posts.baseUri(), posts.baseUri());
                long template = Long.parseLong((String) api.signUp("bench_notifications_template", FeedBench.PASSWORD).get("userId"));
                try (FeedSeed seed = new FeedSeed(jdbcUrl, template);
                        Connection db = DriverManager.getConnection(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD)) {
                    db.setAutoCommit(false);
                    Account author = seed.accounts("bench_notif_author", 1).getFirst();
                    FeedApi.Session session = FeedReadBench.signIn(api, List.of(author))[0];
                    FeedApi.CreatedPost post = api.createPost(session);
                    FeedReadBench.announceProcessed(bus, post);
                    awaitReady(api, session, post.postId());
                    List<Account> likers = seed.accounts("bench_notif_liker", LIKES);
                    grouping(api, bus, db, session, post, likers, jdbcUrl);
                    reads(api, bus, db, session, post, likers, jdbcUrl);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("notifications bench failed", e);
        }
    }

    private static void grouping(FeedApi api, RedisStreamEventBus bus, Connection db, FeedApi.Session author,
            FeedApi.CreatedPost post, List<Account> likers, String jdbcUrl) throws Exception {
        insert(db, "INSERT INTO likes (user_id, post_id, created_at) VALUES (?, ?, now())", likers.size(),
                (row, i) -> {
                    row.setLong(1, likers.get(i).userId());
                    row.setLong(2, post.postId());
                });
        Instant at = Instant.now();
        long start = System.nanoTime();
        ConcurrentLoad.runOrFail("publish likes", 16, likers.size(), i -> bus.publish(EventTypes.ENGAGEMENT,
                Long.toString(post.postId()), event(Engagement.Action.LIKE, likers.get(i).userId(), author.userId(), post.postId(), 0,
                        at)).await().indefinitely());
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long shown = 0;
        while ((shown = likeActors(api, author)) < likers.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + shown + " of " + likers.size() + " likes shown after 10 minutes");
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = likers.size() / seconds;
        List<?> items = (List<?>) api.get(author, "/v1/notifications?limit=50").get("items");
        if (items.size() != 1 || shown != likers.size()) {
            throw new IllegalStateException(items.size() + " items and actorCount " + shown + " for " + likers.size() + " likes");
        }

        try (Statement ddl = db.createStatement()) {
            ddl.execute("CREATE TABLE bench_notification_actors (LIKE notification_actors INCLUDING ALL)");
        }
        db.commit();
        long rawStart = System.nanoTime();
        insert(db, "INSERT INTO bench_notification_actors (recipient_id, group_key, actor_id, acted_at) VALUES (?, ?, ?, now())",
                likers.size(), (row, i) -> {
                    row.setLong(1, author.userId());
                    row.setString(2, "like:" + post.postId() + ":1");
                    row.setLong(3, likers.get(i).userId());
                });
        double rawRate = likers.size() / ((System.nanoTime() - rawStart) / 1e9);
        // The service handles each event in a transaction of its own (an event is acknowledged alone):
        // the same rows, one per transaction, at the subscription's concurrency.
        try (Statement ddl = db.createStatement()) {
            ddl.execute("TRUNCATE bench_notification_actors");
        }
        db.commit();
        ThreadLocal<PreparedStatement> single = statement(jdbcUrl,
                "INSERT INTO bench_notification_actors (recipient_id, group_key, actor_id, acted_at) VALUES (?, ?, ?, now())");
        long singleStart = System.nanoTime();
        ConcurrentLoad.runOrFail("raw rows, one per transaction", 16, likers.size(), i -> {
            PreparedStatement row = single.get();
            row.setLong(1, author.userId());
            row.setString(2, "like:" + post.postId() + ":1");
            row.setLong(3, likers.get(i).userId());
            row.executeUpdate();
        });
        double singleRate = likers.size() / ((System.nanoTime() - singleStart) / 1e9);
        try (Statement ddl = db.createStatement()) {
            ddl.execute("DROP TABLE bench_notification_actors");
        }
        db.commit();

        System.out.printf("%nnotification grouping: %,d likes of one post, published in %.1f s at concurrency 16%n", likers.size(),
                publishSeconds);
        System.out.printf("likes → one grouped item (publish → actorCount shown)  %,9.0f likes/s  (%.1f s; %.0f likes/min)%n", rate,
                seconds, rate * 60);
        System.out.printf("floor (same rows raw, %d per transaction)            %,9.0f rows/s%n", ROWS_PER_TRANSACTION, rawRate);
        System.out.printf("grouping at %.1f%% of the raw rows (target ≥ 10%%): %s%n", 100 * rate / rawRate, verdict(rate >= 0.1 * rawRate));
        System.out.printf("context: the same rows raw, one per transaction, concurrency 16  %,9.0f rows/s (grouping at %.0f%% of it)%n",
                singleRate, 100 * rate / singleRate);
        System.out.printf("a celebrity post liked 5,000 times a minute (83/s) keeps up: %s%n", verdict(rate >= 5_000 / 60.0));
        System.out.printf("one item, actorCount %,d for %,d likes: %s%n", shown, likers.size(), verdict(shown == likers.size()));
    }

    /** The author gets {@value #ITEMS} comment items; then the list's first page against its one indexed query. */
    private static void reads(FeedApi api, RedisStreamEventBus bus, Connection db, FeedApi.Session author, FeedApi.CreatedPost post,
            List<Account> likers, String jdbcUrl) throws Exception {
        long firstComment = 8_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L * 1000;
        insert(db, "INSERT INTO comments (post_id, comment_id, author_id, body, created_at) VALUES (?, ?, ?, ?, now())", ITEMS,
                (row, i) -> {
                    row.setLong(1, post.postId());
                    row.setLong(2, firstComment + i);
                    row.setLong(3, likers.get(i).userId());
                    row.setString(4, "comment " + i);
                });
        Instant at = Instant.now();
        ConcurrentLoad.runOrFail("publish comments", 16, ITEMS, i -> bus.publish(EventTypes.ENGAGEMENT, Long.toString(post.postId()),
                event(Engagement.Action.COMMENT, likers.get(i).userId(), author.userId(), post.postId(), firstComment + i,
                        at.plusMillis(i))).await().indefinitely());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (((Number) api.get(author, "/v1/notifications?limit=1").get("unreadCount")).intValue() < ITEMS + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the comment items did not all arrive in 5 minutes");
            }
            Thread.sleep(100);
        }

        ConcurrentLoad.Operation page = i -> api.get(author, "/v1/notifications?limit=20");
        ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, READS / 4, page);
        LatencyRecorder service = ConcurrentLoad.runOrFail("GET /v1/notifications", CONCURRENCY, READS, page);

        // Context: the service's cost of any signed-in read (token check, session check, one row).
        ConcurrentLoad.Operation me = i -> api.get(author, "/v1/me");
        ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, READS / 4, me);
        LatencyRecorder meLatency = ConcurrentLoad.runOrFail("GET /v1/me", CONCURRENCY, READS, me);

        ThreadLocal<PreparedStatement> statements = statement(jdbcUrl, PAGE_QUERY);
        ConcurrentLoad.Operation query = i -> {
            PreparedStatement statement = statements.get();
            statement.setLong(1, author.userId());
            int rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            if (rows != 20) {
                throw new IllegalStateException("the floor's query found " + rows + " rows");
            }
        };
        ConcurrentLoad.runOrFail("warm-up", CONCURRENCY, READS / 4, query);
        LatencyRecorder floor = ConcurrentLoad.runOrFail("floor", CONCURRENCY, READS, query);

        double ratio = service.percentileMillis(99) / floor.percentileMillis(99);
        System.out.printf("%nGET /v1/notifications?limit=20, %d items (%,d actors in the like item), concurrency %d%n", ITEMS + 1,
                likers.size(), CONCURRENCY);
        System.out.printf("GET /v1/notifications                 %s%n", service.summary());
        System.out.printf("floor (one indexed query, JDBC)       %s%n", floor.summary());
        System.out.printf("context: GET /v1/me                   %s%n", meLatency.summary());
        System.out.printf("p99 %.1f× the floor's (target ≤ 3×): %s%n", ratio, verdict(ratio <= 3));
    }

    /** A prepared statement per load thread, each on a connection of its own (autocommit). */
    private static ThreadLocal<PreparedStatement> statement(String jdbcUrl, String sql) {
        return ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD).prepareStatement(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long likeActors(FeedApi api, FeedApi.Session author) throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get(author, "/v1/notifications?limit=5").get("items");
        return items.stream().filter(item -> "like".equals(item.get("type")))
                .mapToLong(item -> ((Number) item.get("actorCount")).longValue()).max().orElse(0);
    }

    private static Engagement event(Engagement.Action action, long userId, long authorId, long postId, long commentId, Instant at) {
        return Engagement.newBuilder().setAction(action).setUserId(userId).setAuthorId(authorId).setPostId(postId)
                .setCommentId(commentId).setAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .build();
    }

    private interface RowFiller {
        void fill(PreparedStatement row, int index) throws SQLException;
    }

    /** {@code count} rows by one statement, {@value #ROWS_PER_TRANSACTION} per JDBC batch and transaction. */
    private static void insert(Connection db, String sql, int count, RowFiller filler) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                filler.fill(insert, i);
                insert.addBatch();
                if ((i + 1) % ROWS_PER_TRANSACTION == 0 || i == count - 1) {
                    insert.executeBatch();
                    db.commit();
                }
            }
        }
    }

    private static void awaitReady(FeedApi api, FeedApi.Session author, long postId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!"ready".equals(api.get(author, "/v1/posts/" + postId).get("status"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("post " + postId + " not ready after a minute");
            }
            Thread.sleep(100);
        }
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }
}
