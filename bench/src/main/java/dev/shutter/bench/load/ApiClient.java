package dev.shutter.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The public API through the gateway, as an app uses it. Every call is measured under an
 * endpoint name with the path's IDs replaced ({@code PUT /v1/posts/{id}/like}), so figures group
 * by endpoint, not by post.
 */
public final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and parsed body (a missing node when empty or not JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI base;
    private final HttpClient http;
    private volatile Measurements measurements;

    public ApiClient(URI base, Measurements measurements) {
        this.base = base;
        this.measurements = measurements;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** From now on, calls count into {@code next} (a new phase). */
    public void measureInto(Measurements next) {
        this.measurements = next;
    }

    public Measurements measurements() {
        return measurements;
    }

    public Answer call(String endpoint, String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(endpoint, request.build());
    }

    /** PUTs bytes to a signed URL with the headers it was signed with. */
    public Answer upload(String url, Map<String, String> headers, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        return send("PUT signed upload", request.build());
    }

    /** GETs a media URL and reads the bytes; the answer's body is null. */
    public int fetchMedia(String url) {
        return send("GET media (CDN route)", HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build())
                .status();
    }

    private Answer send(String endpoint, HttpRequest request) {
        Measurements into = measurements;
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            into.record(endpoint, start, took, response.statusCode());
            return new Answer(response.statusCode(), parse(response));
        } catch (IOException e) {
            into.record(endpoint, start, System.nanoTime() - start, 0);
            return new Answer(0, JSON.missingNode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, JSON.missingNode());
        }
    }

    private static JsonNode parse(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.body().length == 0 || !type.contains("json")) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
