package dev.shutter.bench.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** post-service and feed-service as a mobile client calls them, for the feed bench. */
public final class FeedApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A signed-in user. */
    public record Session(long userId, String accessToken) {}

    public record CreatedPost(long postId, long mediaId) {}

    /** A feed page: its post IDs and the cursor of the next one (null on the last). */
    record Page(List<Long> postIds, String nextCursor) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI posts;
    private final URI feed;

    public FeedApi(URI postService, URI feedService) {
        this.posts = postService;
        this.feed = feedService;
    }

    public Map<String, Object> signUp(String username, String password) throws IOException, InterruptedException {
        return send(posts, "POST", "/v1/accounts", null,
                Map.of("username", username, "email", username + "@bench.example", "password", password), 201);
    }

    public Session signIn(long userId, String username, String password) throws IOException, InterruptedException {
        Map<String, Object> tokens = send(posts, "POST", "/v1/sessions", null,
                Map.of("username", username, "password", password), 200);
        return new Session(userId, (String) tokens.get("accessToken"));
    }

    /** Creates a one-photo post (still processing). */
    @SuppressWarnings("unchecked")
    public CreatedPost createPost(Session author) throws IOException, InterruptedException {
        Map<String, Object> created = send(posts, "POST", "/v1/posts", author, Map.of(
                "caption", "Golden hour #bench #travel",
                "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", 2_483_920))), 201);
        Map<String, Object> upload = ((List<Map<String, Object>>) created.get("uploads")).getFirst();
        return new CreatedPost(Long.parseLong((String) created.get("postId")), Long.parseLong((String) upload.get("mediaId")));
    }

    /** A GET of post-service's API as {@code session}, answered 200; the JSON body. */
    public Map<String, Object> get(Session session, String path) throws IOException, InterruptedException {
        return send(posts, "GET", path, session, null, 200);
    }

    /** {@code GET /v1/feed?limit=}: a fresh first page when {@code cursor} is null. */
    @SuppressWarnings("unchecked")
    Page feed(Session reader, String cursor, int limit) throws IOException, InterruptedException {
        String path = "/v1/feed?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        Map<String, Object> page = send(feed, "GET", path, reader, null, 200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return new Page(items.stream().map(item -> Long.parseLong((String) item.get("postId"))).toList(),
                (String) page.get("nextCursor"));
    }

    /** The service's Prometheus text. */
    String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(feed.resolve("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(URI base, String method, String path, Session session, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (session != null) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body().length == 0 ? Map.of() : JSON.readValue(response.body(), Map.class);
    }
}
