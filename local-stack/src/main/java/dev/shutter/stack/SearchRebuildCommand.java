package dev.shutter.stack;

import dev.shutter.serviceauth.LocalServiceTokens;
import dev.shutter.serviceauth.ServiceTokenKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./shutter search-rebuild}: asks the running stack's post-service to rebuild the search
 * indexes from PostgreSQL (new indexes, then the aliases swapped: search answers throughout) and
 * prints its progress until it is done. It proves itself with the stack's shared service key, as
 * the services do to each other; the gateway does not route {@code /internal}.
 */
final class SearchRebuildCommand {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SearchRebuildCommand() {}

    /** Exit code: 0 when the rebuild finished, 1 when it failed or could not start. */
    static int run(StackOptions options) throws IOException, InterruptedException {
        Path keyFile = options.dataDir().resolve("keys/service.key");
        if (!Files.exists(keyFile)) {
            System.err.println("shutter: no stack has run on " + options.dataDir() + " (" + keyFile + " is missing)");
            return 1;
        }
        String token = new LocalServiceTokens(ServiceTokenKey.loadOrCreate(keyFile), "shutter-cli", "post-service").token();
        URI endpoint = URI.create("http://127.0.0.1:" + options.ports().postService() + "/internal/search/rebuild");
        HttpResponse<String> started;
        try {
            started = send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody()), token);
        } catch (IOException e) {
            System.err.println("shutter: post-service does not answer on " + endpoint + " (is ./shutter up running?)");
            return 1;
        }
        if (started.statusCode() != 202) {
            System.err.println("shutter: the rebuild did not start (" + started.statusCode() + "): " + started.body());
            return 1;
        }
        System.out.println("  ..   rebuilding the search indexes: " + started.body());
        while (true) {
            Thread.sleep(1_000);
            String progress = send(HttpRequest.newBuilder(endpoint).GET(), token).body();
            System.out.println("  ..   " + progress);
            if (progress.contains("\"finishedAt\":\"")) {
                boolean failed = !progress.contains("\"failure\":null");
                System.out.println(failed ? "  FAIL search index rebuild" : "  ok   search indexes rebuilt and swapped in");
                return failed ? 1 : 0;
            }
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
