package dev.shutter.post.engagement;

import dev.shutter.ids.IdGenerator;
import dev.shutter.ids.Snowflake;
import dev.shutter.post.Api;
import dev.shutter.post.Api.TestUser;
import io.agroal.api.AgroalDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Rows the engagement tests need from features written elsewhere, written straight into the
 * database (ready posts, follow rows), and a few client helpers.
 */
final class Fixtures {

    private final AgroalDataSource db;
    private final IdGenerator ids;

    Fixtures(AgroalDataSource db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

    /** A post by this user, processed and visible to whoever may see the author. */
    long readyPost(TestUser author) {
        return post(author, "ready");
    }

    long post(TestUser author, String status) {
        long authorId = Long.parseLong(author.userId());
        long postId = ids.next(Snowflake.shardForOwner(authorId));
        Timestamp now = Timestamp.from(Instant.now());
        update("""
                INSERT INTO posts (author_id, post_id, caption, hashtags, status, created_at, ready_at)
                VALUES (?, ?, '', '', ?, ?, ?)""", authorId, postId, status, now, "ready".equals(status) ? now : null);
        return postId;
    }

    /** follower → followee with state 'following' or 'requested'. */
    void follow(TestUser follower, TestUser followee, String state) {
        update("INSERT INTO follows (follower_id, followee_id, state, created_at) VALUES (?, ?, ?, ?)",
                Long.parseLong(follower.userId()), Long.parseLong(followee.userId()), state, Timestamp.from(Instant.now()));
    }

    static void makePrivate(TestUser user) {
        user.request().body(Map.of("isPrivate", true)).patch("/v1/me").then().statusCode(200);
    }

    long count(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    /** Signs up several users at once (each costs two memory-hard password hashes). */
    static List<TestUser> newUsers(String prefix, int n) {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<TestUser>> users = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                users.add(CompletableFuture.supplyAsync(() -> Api.newUser(prefix), pool));
            }
            return users.stream().map(CompletableFuture::join).toList();
        }
    }

    /** Sends all requests at once (one connection each) and waits for every answer. */
    static List<HttpResponse<String>> concurrently(List<Supplier<HttpRequest>> requests) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<HttpResponse<String>>> answers = requests.stream()
                    .map(r -> client.sendAsync(r.get(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            return answers.stream().map(CompletableFuture::join).toList();
        }
    }

    static HttpRequest put(URI base, String path, TestUser user) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + user.accessToken())
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
