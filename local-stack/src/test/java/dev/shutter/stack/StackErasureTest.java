package dev.shutter.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.stack.servers.LocalPostgres;
import dev.shutter.testsupport.Traces;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The whole system erases an account: ./shutter up's stack (real PostgreSQL, Redis, post-service,
 * media-worker, feed-service and the gateway), an account with a processed photo, likes, saves,
 * comments, follows both ways and a place in a follower's timeline, then {@code DELETE /v1/me};
 * once the ledger says every store is done, the database, Redis and both buckets are scanned for
 * its ID and name.
 */
class StackErasureTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String PASSWORD = "erase me entirely";

    private final HttpClient http = HttpClient.newHttpClient();
    private URI base;

    @Test
    void anErasedAccountLeavesNoTraceInAnyStore() throws Exception {
        Path dataDir = Files.createTempDirectory("stack-erasure-").resolve("data");
        int portBase = freePortBase();
        LocalStack stack = new LocalStack(new StackOptions(Path.of("..").toAbsolutePath().normalize(), dataDir, true, portBase,
                10, false, false), new Console(System.out, false));
        base = URI.create("http://localhost:" + portBase);
        StackPorts ports = StackPorts.fromBase(portBase);
        try {
            stack.start();
            Account gone = signUp("st_gone");
            Account friend = signUp("st_friend");
            Account fan = signUp("st_fan");
            send("PUT", "/v1/users/" + gone.id() + "/follow", fan, null, 200);
            send("PUT", "/v1/users/" + friend.id() + "/follow", gone, null, 200);
            send("GET", "/v1/feed", fan, null, 200); // builds the fan's timeline, so the post is fanned out to it

            String own = readyPost(gone);
            String theirs = readyPost(friend);
            send("PUT", "/v1/posts/" + theirs + "/like", gone, null, 200);
            send("PUT", "/v1/posts/" + theirs + "/save", gone, null, 200);
            send("POST", "/v1/posts/" + theirs + "/comments", gone, new JsonObject().put("text", "lovely"), 201);
            send("PUT", "/v1/posts/" + own + "/like", friend, null, 200);
            await().atMost(WAIT).until(() -> send("GET", "/v1/feed", fan, null, 200).encode().contains(own));

            send("DELETE", "/v1/me", gone, null, 202);

            String jdbc = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/shutter";
            try (Connection db = DriverManager.getConnection(jdbc, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> erasureDone(db, gone.id()));
                await().atMost(WAIT).until(() -> count(db, "SELECT count(*) FROM outbox") == 0);
                assertThat(count(db, "SELECT count(*) FROM erasures WHERE user_id = " + gone.id()))
                        .as("a ledger row per store").isGreaterThanOrEqualTo(10);
                System.out.printf("Erasure across the stack: every store done %d ms after the request%n", count(db,
                        "SELECT (extract(epoch FROM max(finished_at) - min(requested_at)) * 1000)::bigint FROM erasures WHERE user_id = "
                                + gone.id()));
                assertThat(Traces.inDatabase(db, List.of(gone.id(), gone.username()), Set.of("erasures"))).isEmpty();
            }
            // The buckets as DataDirectory lays them out (it is locked while the stack runs).
            assertThat(Traces.inFiles(dataDir.resolve("blobs/raw"), gone.id())).isEmpty();
            assertThat(Traces.inFiles(dataDir.resolve("blobs/media"), gone.id())).isEmpty();
            assertThat(Traces.inFiles(dataDir.resolve("blobs/media"), friend.id())).as("others' media stay").isNotEmpty();
            Vertx vertx = Vertx.vertx();
            try {
                Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + ports.redis());
                assertThat(Traces.inRedis(redis, gone.id())).isEmpty();
                // Its post is gone from the fan's timeline too (frozen feed snapshots aside: they expire within minutes).
                assertThat(Traces.inRedis(redis, own)).allMatch(key -> key.startsWith("feed:snapshot:"));
                redis.close();
            } finally {
                vertx.closeAndAwait();
            }
            assertThat(send("GET", "/v1/feed", fan, null, 200).encode()).doesNotContain(own);
        } finally {
            stack.stop();
        }
    }

    private record Account(String id, String username, String token) {}

    private Account signUp(String username) throws IOException, InterruptedException {
        String id = send("POST", "/v1/accounts", null, new JsonObject().put("username", username)
                .put("email", username + "@stack.example").put("password", PASSWORD), 201).getString("userId");
        String token = send("POST", "/v1/sessions", null, new JsonObject().put("username", username).put("password", PASSWORD), 200)
                .getString("accessToken");
        return new Account(id, username, token);
    }

    /** A one-photo post, uploaded through its signed URL and processed by media-worker. */
    private String readyPost(Account author) throws Exception {
        byte[] photo = jpeg();
        JsonObject created = send("POST", "/v1/posts", author, new JsonObject().put("caption", "erasure #stack")
                .put("media", new JsonArray().add(new JsonObject().put("mimeType", "image/jpeg").put("sizeBytes", photo.length))), 201);
        JsonObject upload = created.getJsonArray("uploads").getJsonObject(0);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(upload.getString("url")))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 204);
        String postId = created.getString("postId");
        await().atMost(WAIT).until(() -> "ready".equals(send("GET", "/v1/posts/" + postId, author, null, 200).getString("status")));
        return postId;
    }

    private static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(ThreadLocalRandom.current().nextInt(0xFFFFFF)));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static boolean erasureDone(Connection db, String userId) throws Exception {
        return count(db, "SELECT count(*) FROM erasures WHERE user_id = " + userId) > 0
                && count(db, "SELECT count(*) FROM erasures WHERE finished_at IS NULL AND user_id = " + userId) == 0;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private JsonObject send(String method, String path, Account as, JsonObject body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (as != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
    }

    /** Seven free ports in a row: the gateway's, the services', PostgreSQL's and Redis'. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (allFree(candidate, StackPorts.COUNT)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free ports in a row found for a stack");
    }

    private static boolean allFree(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
