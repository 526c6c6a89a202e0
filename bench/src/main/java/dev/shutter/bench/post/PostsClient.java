package dev.shutter.bench.post;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The public API as a mobile client uses it, for the benchmarks. */
public final class PostsClient {

    public record Session(String userId, String accessToken) {}

    record CreatedPost(long postId, long mediaId) {}

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public PostsClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public Session signUp(String username) throws IOException, InterruptedException {
        Map<String, Object> account = send("POST", "/v1/accounts", null,
                Map.of("username", username, "email", username + "@bench.example", "password", "bench password 123"), 201);
        Map<String, Object> tokens = send("POST", "/v1/sessions", null,
                Map.of("username", username, "password", "bench password 123"), 200);
        return new Session((String) account.get("userId"), (String) tokens.get("accessToken"));
    }

    /** Creates a one-photo post. */
    @SuppressWarnings("unchecked")
    CreatedPost createPost(Session author) throws IOException, InterruptedException {
        Map<String, Object> created = send("POST", "/v1/posts", author, Map.of(
                "caption", "Golden hour #bench #travel",
                "media", List.of(Map.of("mimeType", "image/jpeg", "sizeBytes", 2_483_920))), 201);
        Map<String, Object> upload = ((List<Map<String, Object>>) created.get("uploads")).getFirst();
        return new CreatedPost(Long.parseLong((String) created.get("postId")), Long.parseLong((String) upload.get("mediaId")));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> send(String method, String path, Session session, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(PostServiceBench.JSON.writeValueAsBytes(body)));
        if (session != null) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body().length == 0 ? Map.of() : PostServiceBench.JSON.readValue(response.body(), Map.class);
    }
}
