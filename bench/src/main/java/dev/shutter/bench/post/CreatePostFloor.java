package dev.shutter.bench.post;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.LocalUrlSigner;
import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The floor of creating a post: the same rows in one transaction over a plain JDBC connection
 * per worker, and the same signed upload URL, with nothing else (no HTTP, auth, validation or
 * rate limit).
 */
final class CreatePostFloor {

    private final String jdbcUrl;
    private final LocalUrlSigner signer;
    private final IdGenerator ids = new IdGenerator(Snowflake.MAX_WORKER);
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();

    CreatePostFloor(String jdbcUrl, Path dataDir) {
        this.jdbcUrl = jdbcUrl;
        this.signer = new LocalUrlSigner(LocalBlobStoreConfig.of(dataDir.resolve("floor-blobs"), "shutter-raw",
                URI.create("http://localhost:8080/blobs"), new byte[32]));
    }

    void create() throws SQLException, InterruptedException {
        Connection c = connection();
        try {
            create(c);
        } finally {
            connections.put(c);
        }
    }

    private void create(Connection c) throws SQLException {
        long authorId = 1_000_000L + Thread.currentThread().threadId() % 64;
        int shard = Snowflake.shardForOwner(authorId);
        long postId = ids.next(shard);
        long mediaId = ids.next(shard);
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement post = c.prepareStatement("""
                        INSERT INTO posts (author_id, post_id, caption, hashtags, status, created_at)
                        VALUES (?, ?, ?, ?, 'processing', ?)""");
                PreparedStatement media = c.prepareStatement("""
                        INSERT INTO media_items (author_id, post_id, media_id, position, mime_type, size_bytes, object_key, status)
                        VALUES (?, ?, ?, 0, 'image/jpeg', 2483920, ?, 'pending')""")) {
            post.setLong(1, authorId);
            post.setLong(2, postId);
            post.setString(3, "Golden hour #bench #travel");
            post.setString(4, "bench travel");
            post.setTimestamp(5, now);
            post.executeUpdate();
            media.setLong(1, authorId);
            media.setLong(2, postId);
            media.setLong(3, mediaId);
            media.setString(4, "uploads/" + postId + "/" + mediaId);
            media.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        signer.signPut(BlobKey.of("uploads/" + postId + "/" + mediaId), "image/jpeg", 2_483_920, Duration.ofMinutes(15));
    }

    /** A pooled connection, as the service has a pool: opened once, reused across runs. */
    private Connection connection() throws SQLException {
        Connection c = connections.poll();
        if (c == null) {
            c = DriverManager.getConnection(jdbcUrl, TestPostgres.USER, TestPostgres.PASSWORD);
            c.setAutoCommit(false);
        }
        return c;
    }
}
