package dev.shutter.explore.candidate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * OpenSearch's REST API over the JDK's client, blocking. A host that does not answer is skipped
 * for the next one; none answering, or a 5xx or 429, is {@link AnnUnavailableException}. Other
 * statuses come back to the caller, who knows which of them are fine.
 */
final class OpenSearchHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final List<URI> hosts;
    private final HttpClient client;
    private final Duration requestTimeout;

    /** {@code hosts}: comma-separated {@code host:port} or URLs ({@code http://} when no scheme is given). */
    OpenSearchHttp(String hosts, Duration requestTimeout) {
        this.hosts = Arrays.stream(hosts.split(","))
                .map(String::strip)
                .filter(host -> !host.isEmpty())
                .map(host -> URI.create(host.contains("://") ? host : "http://" + host))
                .toList();
        if (this.hosts.isEmpty()) {
            throw new IllegalArgumentException("no OpenSearch host in '" + hosts + "'");
        }
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** {@code error.type} of an error answer, or "". */
        String errorType() {
            return body.path("error").path("type").asText("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Response send(String method, String pathAndQuery, JsonNode body) {
        return send(method, pathAndQuery, body == null ? null : body.toString(), "application/json");
    }

    /** An NDJSON body, for {@code _bulk}. */
    Response sendLines(String pathAndQuery, String lines) {
        return send("POST", pathAndQuery, lines, "application/x-ndjson");
    }

    private Response send(String method, String pathAndQuery, String body, String contentType) {
        IOException lastFailure = null;
        for (URI host : hosts) {
            HttpRequest.Builder request = HttpRequest.newBuilder(host.resolve(pathAndQuery)).timeout(requestTimeout);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                Response answer = new Response(response.statusCode(), parse(response.body()));
                if (answer.status() >= 500 || answer.status() == 429) {
                    throw new AnnUnavailableException("OpenSearch answered " + method + " " + pathAndQuery + " with "
                            + abbreviate(answer), null);
                }
                return answer;
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnnUnavailableException("interrupted while waiting for OpenSearch", e);
            }
        }
        throw new AnnUnavailableException("no OpenSearch host of " + hosts + " answered " + method + " " + pathAndQuery,
                lastFailure);
    }

    private static JsonNode parse(byte[] body) throws IOException {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        JsonNode node = JSON.readTree(body);
        return node == null ? MissingNode.getInstance() : node;
    }

    private static String abbreviate(Response response) {
        String text = response.toString();
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
