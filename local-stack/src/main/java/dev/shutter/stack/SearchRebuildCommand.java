package dev.shutter.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@code ./shutter search-rebuild}: asks the running stack's post-service to rebuild the search
 * indexes from PostgreSQL (new indexes, then the aliases swapped: search answers throughout) and
 * prints its progress until it is done. It proves itself with the stack's shared service key, as
 * the services do to each other; the gateway does not route {@code /internal}.
 */
final class SearchRebuildCommand {

    private SearchRebuildCommand() {}

    /** Exit code: 0 when the rebuild finished, 1 when it failed or could not start. */
    static int run(StackOptions options) throws IOException, InterruptedException {
        var calls = ServiceCalls.of(options);
        if (calls.isEmpty()) {
            return 1;
        }
        URI endpoint = calls.get().postService("/internal/search/rebuild");
        HttpResponse<String> started;
        try {
            started = calls.get().send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody()));
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
            String progress = calls.get().send(HttpRequest.newBuilder(endpoint).GET()).body();
            System.out.println("  ..   " + progress);
            if (progress.contains("\"finishedAt\":\"")) {
                boolean failed = !progress.contains("\"failure\":null");
                System.out.println(failed ? "  FAIL search index rebuild" : "  ok   search indexes rebuilt and swapped in");
                return failed ? 1 : 0;
            }
        }
    }
}
