package dev.shutter.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The engine's REST API straight, for the floors: the same queries post-service sends through Hibernate Search. */
final class EngineClient {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    EngineClient(String base) {
        this.base = base;
    }

    /** The top page of a tag: as HashtagSearch asks (21 hits for a page of 20, no source, no total). */
    JsonNode topPage(String tag, JsonNode after) throws IOException, InterruptedException {
        ObjectNode body = SearchBench.JSON.createObjectNode();
        body.putObject("query").putObject("term").put("hashtags", tag);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("topScore").put("order", "desc");
        sort.addObject().putObject("postId").put("order", "desc");
        body.put("size", 21);
        body.put("_source", false);
        body.put("track_total_hits", false);
        if (after != null) {
            body.set("search_after", after);
        }
        return post("/posts-read/_search", body.toString(), "application/json");
    }

    /** The search_after values of pages 2..pages+1, collected by paging raw once. */
    List<JsonNode> topPages(String tag, int pages) throws IOException, InterruptedException {
        List<JsonNode> afters = new ArrayList<>();
        JsonNode after = null;
        for (int page = 0; page < pages; page++) {
            JsonNode hits = topPage(tag, after).get("hits").get("hits");
            if (hits.size() < 21) {
                break;
            }
            after = hits.get(19).get("sort");
            afters.add(after);
        }
        return afters;
    }

    /** User search as UserSearch asks it (without the caller's follows, which it adds when there are any). */
    JsonNode userPage(String query) throws IOException, InterruptedException {
        ObjectNode body = SearchBench.JSON.createObjectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode either = bool.putArray("must").addObject().putObject("constant_score").putObject("filter")
                .putObject("bool").putArray("should");
        either.addObject().putObject("match").putObject("usernamePrefix").put("query", query).put("minimum_should_match", "100%");
        either.addObject().putObject("match").putObject("displayNamePrefix").put("query", query).put("minimum_should_match", "100%");
        bool.putArray("should").addObject().putObject("constant_score").put("boost", 1_000_000)
                .putObject("filter").putObject("term").put("username", query);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("_score").put("order", "desc");
        sort.addObject().putObject("followerCount").put("order", "desc");
        sort.addObject().putObject("userId").put("order", "asc");
        body.put("size", 21);
        body.put("_source", false);
        body.put("track_total_hits", false);
        return post("/users-read/_search", body.toString(), "application/json");
    }

    void awaitIndex(String alias) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (status("GET", "/" + alias) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(alias + " was not created");
            }
            Thread.sleep(200);
        }
    }

    long count(String index, String query) throws IOException, InterruptedException {
        return get("/" + index + "/_count?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).get("count").asLong();
    }

    void awaitCount(String index, String query, long expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = -1;
        while (System.nanoTime() < deadline) {
            count = count(index, query);
            if (count >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(index + " holds " + count + " documents matching " + query + ", not " + expected);
    }

    void recreate(String index, JsonNode mappings) throws IOException, InterruptedException {
        status("DELETE", "/" + index);
        ObjectNode body = SearchBench.JSON.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0).put("refresh_interval", "1s");
        body.set("mappings", mappings);
        JsonNode created = send("PUT", "/" + index, body.toString(), "application/json");
        if (!created.path("acknowledged").asBoolean()) {
            throw new IllegalStateException("could not create " + index + ": " + created);
        }
    }

    void bulk(String path, String ndjson) throws IOException, InterruptedException {
        JsonNode answer = post(path, ndjson, "application/x-ndjson");
        if (answer.get("errors").asBoolean()) {
            throw new IllegalStateException("bulk failed: " + answer.toString().substring(0, 500));
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    /** Merges the indexes' segments and refreshes, so the queries measured next do not race background merges. */
    void settle(String... indexes) throws IOException, InterruptedException {
        String names = String.join(",", indexes);
        send("POST", "/" + names + "/_forcemerge?max_num_segments=1", null, null);
        send("POST", "/" + names + "/_refresh", null, null);
    }

    void delete(String path) throws IOException, InterruptedException {
        status("DELETE", path);
    }

    private JsonNode post(String path, String body, String type) throws IOException, InterruptedException {
        return send("POST", path, body, type);
    }

    private int status(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode send(String method, String path, String body, String type) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return SearchBench.JSON.readTree(response.body());
    }
}
