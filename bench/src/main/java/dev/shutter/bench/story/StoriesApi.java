package dev.shutter.bench.story;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.bench.feed.FeedApi.Session;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/** post-service's stories API as a mobile client calls it (sign-up and sign-in: FeedApi). */
final class StoriesApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CREATE_BODY = json(Map.of("media", Map.of("mimeType", "image/jpeg", "sizeBytes", 1_843_200)));

    /** A story just created (processing), with the media item its upload URL names. */
    record Created(long storyId, long mediaId, MediaRef item, Instant expiresAt) {}

    /** One answer, with when the request was sent and when its answer was read (epoch microseconds). */
    record Answer(int status, byte[] body, long sentMicros, long readMicros) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    StoriesApi(URI postService) {
        this.base = postService;
    }

    /** {@code POST /v1/stories} with one photo; the item parsed from the signed upload URL's path. */
    Created create(Session author) throws IOException, InterruptedException {
        Answer answer = send("POST", "/v1/stories", author, CREATE_BODY);
        expect(answer, 201, "POST /v1/stories");
        JsonNode created = JSON.readTree(answer.body());
        String path = URI.create(created.path("upload").path("url").asText()).getPath();
        int at = path.indexOf("story-uploads/");
        if (at < 0) {
            throw new IOException("the upload URL is not a story upload: " + path);
        }
        MediaRef item = ObjectKeys.parseUpload(path.substring(at))
                .orElseThrow(() -> new IOException("not a story upload key: " + path));
        return new Created(created.path("storyId").asLong(), created.path("upload").path("mediaId").asLong(), item,
                instant(created.path("expiresAt")));
    }

    Answer tray(Session reader) throws IOException, InterruptedException {
        return send("GET", "/v1/stories/tray", reader, null);
    }

    Answer get(Session viewer, long storyId) throws IOException, InterruptedException {
        return send("GET", "/v1/stories/" + storyId, viewer, null);
    }

    Answer view(Session viewer, long storyId) throws IOException, InterruptedException {
        return send("POST", "/v1/stories/" + storyId + "/views", viewer, null);
    }

    /** The owner's first page of viewers (viewerCount, items). */
    JsonNode viewers(Session owner, long storyId) throws IOException, InterruptedException {
        Answer answer = send("GET", "/v1/stories/" + storyId + "/viewers", owner, null);
        expect(answer, 200, "GET /v1/stories/" + storyId + "/viewers");
        return JSON.readTree(answer.body());
    }

    Answer send(String method, String path, Session session, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (session != null) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        long sent = nowMicros();
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body(), sent, nowMicros());
    }

    static void expect(Answer answer, int status, String what) throws IOException {
        if (answer.status() != status) {
            throw new IOException(what + " answered " + answer.status() + ": " + new String(answer.body()));
        }
    }

    /** An Instant as Jackson writes it: ISO-8601 text, or (timestamps on) decimal epoch seconds. */
    static Instant instant(JsonNode node) {
        if (node.isTextual()) {
            return Instant.parse(node.asText());
        }
        BigDecimal seconds = node.decimalValue();
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    static long nowMicros() {
        return micros(Instant.now());
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
