package dev.shutter.post.search;

import dev.shutter.testsupport.TestOpenSearch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Looks at the test engine's indexes directly, underneath the API (which filters by the store anyway). */
final class SearchIndexProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SearchIndexProbe() {}

    /** Whether the document is in the index (read alias). */
    static boolean indexed(String index, long id) {
        return get("/" + index + "-read/_doc/" + id).statusCode() == 200;
    }

    /** How many documents of the index match the query string ({@code *} for all), after a refresh. */
    static long count(String index, String query) {
        get("/" + index + "-read/_refresh");
        String body = get("/" + index + "-read/_count?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)).body();
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    /** The index behind an alias, e.g. {@code posts-000001}. */
    static String indexBehind(String alias) {
        String body = get("/_alias/" + alias).body();
        return body.replaceAll("^\\{\"([^\"]+)\".*", "$1");
    }

    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(TestOpenSearch.shared().uri() + path)).build());
    }

    static HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(TestOpenSearch.shared().uri() + path)).DELETE().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
