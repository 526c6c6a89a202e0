package dev.shutter.bench.feed;

import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accounts and follows written straight into post-service's database, as its own code writes
 * them (see V1__schema.sql): sign-up through the API costs an Argon2 hash each, far too slow for
 * thousands of accounts. Every account gets the password hash of one account signed up through
 * the API, so any of them can sign in for a real token.
 */
public final class FeedSeed implements AutoCloseable {

    /** An account: its ID and username. */
    public record Account(long userId, String username) {}

    private final Connection db;
    private final IdGenerator ids = new IdGenerator(Snowflake.MAX_WORKER);
    private final String passwordHash;

    public FeedSeed(String jdbcUrl, long templateUserId) throws SQLException {
        db = DriverManager.getConnection(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD);
        db.setAutoCommit(false);
        try (PreparedStatement query = db.prepareStatement("SELECT password_hash FROM users WHERE user_id = ?")) {
            query.setLong(1, templateUserId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("template account " + templateUserId + " is missing");
                }
                passwordHash = row.getString(1);
            }
            db.commit();
        }
    }

    /** Public accounts named {@code prefix_n}, IDs made as sign-up makes them. */
    public List<Account> accounts(String prefix, int count) throws SQLException {
        List<Account> accounts = new ArrayList<>(count);
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO users (user_id, username, email, password_hash, display_name, bio, is_private, created_at)
                VALUES (?, ?, ?, ?, ?, '', false, ?)""")) {
            for (int i = 0; i < count; i++) {
                Account account = new Account(ids.next(Snowflake.shardForNewUser()), prefix + "_" + i);
                insert.setLong(1, account.userId());
                insert.setString(2, account.username());
                insert.setString(3, account.username() + "@bench.example");
                insert.setString(4, passwordHash);
                insert.setString(5, account.username());
                insert.setTimestamp(6, now);
                insert.addBatch();
                accounts.add(account);
            }
            insert.executeBatch();
        }
        db.commit();
        return accounts;
    }

    /**
     * Approved follows (follower → followees), with the split counters moved as a follow moves
     * them: the followee's 'followers', the follower's 'following'.
     */
    public void follow(Map<Long, List<Long>> followeesByFollower) throws SQLException {
        Map<Long, Long> followers = new java.util.HashMap<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement edge = db.prepareStatement("""
                        INSERT INTO follows (follower_id, followee_id, state, created_at) VALUES (?, ?, 'following', ?)""");
                PreparedStatement counter = db.prepareStatement("""
                        INSERT INTO counter_shards (entity_id, name, shard, value) VALUES (?, ?, ?, ?)
                        ON CONFLICT (entity_id, name, shard) DO UPDATE SET value = counter_shards.value + EXCLUDED.value""")) {
            int shard = 0;
            for (var entry : followeesByFollower.entrySet()) {
                for (long followee : entry.getValue()) {
                    edge.setLong(1, entry.getKey());
                    edge.setLong(2, followee);
                    edge.setTimestamp(3, now);
                    edge.addBatch();
                    followers.merge(followee, 1L, Long::sum);
                }
                addCounter(counter, entry.getKey(), "following", shard++ % 16, entry.getValue().size());
            }
            for (var entry : followers.entrySet()) {
                addCounter(counter, entry.getKey(), "followers", shard++ % 16, entry.getValue());
            }
            edge.executeBatch();
            counter.executeBatch();
        }
        db.commit();
    }

    private static void addCounter(PreparedStatement counter, long entityId, String name, int shard, long value)
            throws SQLException {
        counter.setLong(1, entityId);
        counter.setString(2, name);
        counter.setShort(3, (short) shard);
        counter.setLong(4, value);
        counter.addBatch();
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
