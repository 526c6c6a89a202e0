package dev.shutter.bench.search;

import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** The bench's posts and accounts, written straight into post-service's database (the API would take hours for 200,000). */
final class BenchData {

    static final String[] NAMES = {"José", "Zoë", "Renée", "Ana", "Łukasz", "Mårten", "Chloé", "Noah", "Amélie", "Søren"};

    /** A post as written: what the floor indexes directly. */
    record PostRow(long postId, long authorId, String hashtags, Instant createdAt, long likes) {}

    private final String jdbcUrl;
    private final IdGenerator ids = new IdGenerator(Snowflake.MAX_WORKER);
    private final SplittableRandom random = new SplittableRandom(42);

    BenchData(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** Ready posts by the authors, newest last, with a power-law of likes (counter rows as Counters keeps them). */
    List<PostRow> insertPosts(List<Long> authors, int count, IntFunction<String> hashtags) throws SQLException {
        List<PostRow> rows = new ArrayList<>(count);
        Instant now = Instant.now();
        try (Connection connection = connect();
                PreparedStatement post = connection.prepareStatement("""
                        INSERT INTO posts (author_id, post_id, caption, hashtags, status, created_at, ready_at)
                        VALUES (?, ?, ?, ?, 'ready', ?, ?)""");
                PreparedStatement likes = connection.prepareStatement(
                        "INSERT INTO counter_shards (entity_id, name, shard, value) VALUES (?, 'likes', 0, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                long author = authors.get(i % authors.size());
                long postId = ids.next(Snowflake.shardForOwner(author));
                String tags = hashtags.apply(i);
                Instant createdAt = now.minusSeconds(count - i);
                long likeCount = (long) Math.floor(Math.pow(random.nextDouble(), 4) * 1_000);
                post.setLong(1, author);
                post.setLong(2, postId);
                post.setString(3, "#" + tags.replace(" ", " #"));
                post.setString(4, tags);
                post.setTimestamp(5, Timestamp.from(createdAt));
                post.setTimestamp(6, Timestamp.from(createdAt));
                post.addBatch();
                if (likeCount > 0) {
                    likes.setLong(1, postId);
                    likes.setLong(2, likeCount);
                    likes.addBatch();
                }
                rows.add(new PostRow(postId, author, tags, createdAt, likeCount));
                if (i % 5_000 == 4_999) {
                    post.executeBatch();
                    likes.executeBatch();
                }
            }
            post.executeBatch();
            likes.executeBatch();
            connection.commit();
        }
        return rows;
    }

    /** Accounts {@code benchu<i>} with display names of accented first names. */
    void insertUsers(int count) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement user = connection.prepareStatement("""
                        INSERT INTO users (user_id, username, email, password_hash, display_name, bio, is_private, created_at)
                        VALUES (?, ?, ?, 'not-a-hash', ?, '', false, now())""");
                PreparedStatement followers = connection.prepareStatement(
                        "INSERT INTO counter_shards (entity_id, name, shard, value) VALUES (?, 'followers', 0, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                long userId = ids.next(Snowflake.shardForNewUser());
                user.setLong(1, userId);
                user.setString(2, "benchu" + i);
                user.setString(3, "benchu" + i + "@bench.example");
                user.setString(4, NAMES[i % NAMES.length] + " " + NAMES[(i / NAMES.length) % NAMES.length] + "son");
                user.addBatch();
                followers.setLong(1, userId);
                followers.setLong(2, (long) Math.floor(Math.pow(random.nextDouble(), 6) * 100_000));
                followers.addBatch();
                if (i % 5_000 == 4_999) {
                    user.executeBatch();
                    followers.executeBatch();
                }
            }
            user.executeBatch();
            followers.executeBatch();
            connection.commit();
        }
    }

    /** Every post and account not indexed yet becomes a row of the indexer's queue, as events would make them. */
    void enqueueEverything() throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().executeUpdate("""
                    INSERT INTO search_queue (kind, entity_id, version, enqueued_at)
                    SELECT 'post', post_id, 1, now() FROM posts ON CONFLICT DO NOTHING""");
            connection.createStatement().executeUpdate("""
                    INSERT INTO search_queue (kind, entity_id, version, enqueued_at)
                    SELECT 'user', user_id, 1, now() FROM users ON CONFLICT DO NOTHING""");
        }
    }

    /** Changes waiting in the index queue. */
    long queued() throws SQLException {
        try (Connection connection = connect()) {
            var rows = connection.createStatement().executeQuery("SELECT count(*) FROM search_queue");
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Waits until the indexer has taken every queued change. */
    void awaitQueueEmpty(java.time.Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long queued = queued(); queued > 0; queued = queued()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(queued + " changes still queued after " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD);
    }
}
