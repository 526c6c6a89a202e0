package dev.shutter.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * {@code bench/run load}: seeds a synthetic network through the public API of a running stack
 * ({@code ./shutter up}), drives the mix at a target rate, and reports per-endpoint latency,
 * errors by status and upload-to-feed time; JSON report and PNG chart under {@code --out}.
 * Exit code 1 in {@code --smoke} mode on any 5xx or a photo that did not reach a follower's feed.
 */
public final class LoadBench {

    private LoadBench() {}

    /** @return the process exit code */
    public static int run(List<String> args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            return drive(options);
        } catch (IllegalStateException e) {
            System.err.println("load: " + e.getMessage());
            return 1;
        } catch (IOException | InterruptedException e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static int drive(LoadOptions options) throws IOException, InterruptedException {
        ProgressLine progress = new ProgressLine(System.out);
        awaitStack(options.target(), progress);
        Random random = new Random(options.seed());
        Measurements seeding = new Measurements();
        ApiClient api = new ApiClient(options.target(), seeding);
        Sessions sessions = new Sessions(api);
        PhotoPool photos = new PhotoPool(24, 800, 600, random);
        PhotoPoster poster = new PhotoPoster(api, sessions, photos);
        System.out.printf("load: %s, %d users (%d celebrities over %d followers), %d photo post(s) each; then %s at %.0f ops/s for %d s%n",
                options.target(), options.users(), options.celebrities(), options.celebrityThreshold(),
                options.postsPerUser(), options.mix(), options.rate(), options.duration().toSeconds());

        long seedStart = System.nanoTime();
        Network network = new NetworkSeeder(api, sessions, poster, options, progress).seed(random);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        Measurements driving = new Measurements();
        api.measureInto(driving);
        // Smoke: every post is followed to a feed, and given a minute. Otherwise a sample, so the
        // probes' own feed reads stay a small part of the load.
        FeedVisibility visibility = new FeedVisibility(api, sessions,
                options.smoke() ? Duration.ofSeconds(60) : Duration.ofSeconds(120), options.smoke() ? 0 : 16,
                network.readyPosts::add, options.seenVia().equals("feed"));
        MixedLoad mix = new MixedLoad(api, sessions, poster, visibility, network, options, progress);
        mix.run(random);
        progress.show("drive: waiting for the last posts to reach a follower's feed");
        visibility.finish();

        boolean passed = seeding.serverErrors() + driving.serverErrors() == 0 && visibility.missing().isEmpty()
                && (!options.smoke() || visibility.uploadToFeed().count() > 0);
        ObjectNode report = LoadReport.build(options, network, seedSeconds, seeding, mix, driving, visibility, passed);
        LoadReport.print(report, System.out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = options.out().resolve("load-" + stamp + ".json");
        Path png = options.out().resolve("load-" + stamp + ".png");
        LoadReport.write(report, json);
        LatencyChart.write(driving.endpoints(), mix.drivenSeconds(), "Shutter mixed load: %d users, %.0f ops/s target"
                .formatted(options.users(), options.rate()), png);
        System.out.println("Report: " + json + "\nChart:  " + png);
        if (options.smoke()) {
            System.out.println(passed ? "SMOKE PASSED" : "SMOKE FAILED: " + failureSummary(seeding, driving, visibility));
            return passed ? 0 : 1;
        }
        return 0;
    }

    private static String failureSummary(Measurements seeding, Measurements driving, FeedVisibility visibility) {
        return (seeding.serverErrors() + driving.serverErrors()) + " server errors, " + visibility.missing().size()
                + " posted photos missing from followers' feeds, " + visibility.uploadToFeed().count() + " seen";
    }

    /** The stack may still be starting (CI starts it just before): wait for the API's JWKS through the gateway. */
    private static void awaitStack(URI target, ProgressLine progress) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                HttpResponse<Void> jwks = http.send(HttpRequest.newBuilder(target.resolve("/.well-known/jwks.json")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (jwks.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no Shutter stack answers at " + target + ": start one with ./shutter up");
            }
            progress.show("load: waiting for the stack at " + target);
            Thread.sleep(1000);
        }
    }
}
