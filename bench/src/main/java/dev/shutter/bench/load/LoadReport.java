package dev.shutter.bench.load;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.bench.LatencyRecorder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The run's figures: printed as a table, written as JSON beside the PNG chart. */
final class LoadReport {

    private LoadReport() {}

    static ObjectNode build(LoadOptions options, Network network, double seedSeconds, Measurements seeding,
            MixedLoad drive, Measurements driving, FeedVisibility visibility, boolean passed) {
        ObjectNode root = ApiClient.JSON.createObjectNode();
        root.put("finishedAt", Instant.now().toString());
        root.put("target", options.target().toString());
        ObjectNode opts = root.putObject("options");
        opts.put("users", options.users());
        opts.put("celebrities", options.celebrities());
        opts.put("celebrityThreshold", options.celebrityThreshold());
        opts.put("postsPerUser", options.postsPerUser());
        opts.put("rate", options.rate());
        opts.put("durationSeconds", options.duration().toSeconds());
        opts.put("mix", options.mix().toString());
        opts.put("smoke", options.smoke());
        opts.put("randomSeed", options.seed());

        ObjectNode seed = root.putObject("seed");
        seed.put("users", network.accounts.size());
        seed.put("follows", network.follows);
        seed.put("photoPosts", options.users() * options.postsPerUser());
        seed.put("seconds", Math.round(seedSeconds * 10) / 10.0);
        ArrayNode celebrities = seed.putArray("celebrities");
        network.accounts.stream().filter(a -> a.followers.size() >= options.celebrityThreshold())
                .forEach(a -> celebrities.addObject().put("username", a.username).put("followers", a.followers.size()));
        int maxFollowers = network.accounts.stream().mapToInt(a -> a.followers.size()).max().orElse(0);
        seed.put("maxFollowers", maxFollowers);
        seed.put("medianFollowers", network.accounts.stream().mapToInt(a -> a.followers.size()).sorted()
                .skip(network.accounts.size() / 2).findFirst().orElse(0));
        seed.set("endpoints", endpoints(seeding.endpoints(), seedSeconds));

        ObjectNode mix = root.putObject("drive");
        mix.put("seconds", Math.round(drive.drivenSeconds() * 10) / 10.0);
        mix.put("targetRate", options.rate());
        mix.put("operationsIssued", drive.issued.get());
        mix.put("rateHeld", Math.round(drive.issued.get() / drive.drivenSeconds() * 10) / 10.0);
        mix.put("notStarted", drive.dropped.get());
        mix.put("requests", driving.requests());
        mix.put("requestsPerSecond", Math.round(driving.requests() / drive.drivenSeconds() * 10) / 10.0);
        mix.put("photoPosts", drive.posts.get());
        mix.put("newFollows", drive.newFollows.get());
        mix.put("serverErrors", driving.serverErrors());
        mix.set("endpoints", endpoints(driving.endpoints(), drive.drivenSeconds()));

        ObjectNode feed = root.putObject("uploadToFeed");
        LatencyRecorder u = visibility.uploadToFeed();
        feed.put("tracked", visibility.tracked());
        feed.put("appeared", u.count());
        feed.put("missing", visibility.missing().size());
        feed.put("untracked", visibility.untracked());
        feed.put("authorsWithoutFollowers", visibility.withoutFollowers());
        feed.put("seenVia", options.seenVia().equals("feed") ? "a follower's first feed page (GET /v1/feed)"
                : "a follower's GET /v1/posts/{id} (no feed-service)");
        feed.put("p50Ms", round(u.percentileMillis(50)));
        feed.put("p99Ms", round(u.percentileMillis(99)));
        ArrayNode missing = feed.putArray("missingPosts");
        visibility.missing().forEach(m -> missing.addObject().put("postId", m.postId()).put("author", m.author())
                .put("follower", m.follower()).put("lastSeen", m.lastSeen()));
        root.put("serverErrors", seeding.serverErrors() + driving.serverErrors());
        root.put("passed", passed);
        return root;
    }

    private static ObjectNode endpoints(Map<String, Measurements.Endpoint> endpoints, double seconds) {
        ObjectNode all = ApiClient.JSON.createObjectNode();
        endpoints.forEach((name, e) -> {
            ObjectNode node = all.putObject(name);
            LatencyRecorder l = e.latencies();
            long total = e.statuses().values().stream().mapToLong(Long::longValue).sum();
            node.put("requests", total);
            node.put("perSecond", Math.round(total / seconds * 10) / 10.0);
            node.put("p50Ms", round(l.percentileMillis(50)));
            node.put("p90Ms", round(l.percentileMillis(90)));
            node.put("p99Ms", round(l.percentileMillis(99)));
            node.put("maxMs", round(l.percentileMillis(100)));
            ObjectNode statuses = node.putObject("statuses");
            e.statuses().forEach((status, count) -> statuses.put(status == 0 ? "no answer" : status.toString(), count));
        });
        return all;
    }

    private static double round(double ms) {
        return Double.isNaN(ms) ? -1 : Math.round(ms * 10) / 10.0;
    }

    static void print(ObjectNode report, PrintStream out) {
        ObjectNode seed = (ObjectNode) report.get("seed");
        ObjectNode drive = (ObjectNode) report.get("drive");
        out.println();
        out.printf("Seeded: %d users, %d follows (median %d followers, max %d; %d over the celebrity threshold), %d photo posts in %.0f s%n",
                seed.get("users").asInt(), seed.get("follows").asLong(), seed.get("medianFollowers").asInt(),
                seed.get("maxFollowers").asInt(), seed.get("celebrities").size(), seed.get("photoPosts").asInt(),
                seed.get("seconds").asDouble());
        out.printf("Mix: %s for %.0f s: target %.1f ops/s, held %.1f ops/s (%d not started), %.1f requests/s%n",
                report.get("options").get("mix").asText(), drive.get("seconds").asDouble(),
                drive.get("targetRate").asDouble(), drive.get("rateHeld").asDouble(), drive.get("notStarted").asLong(),
                drive.get("requestsPerSecond").asDouble());
        out.printf("%n%-34s %8s %7s %9s %9s %9s %9s  %s%n", "endpoint", "requests", "per s", "p50 ms", "p90 ms", "p99 ms",
                "max ms", "statuses");
        drive.get("endpoints").properties().forEach(entry -> {
            var e = entry.getValue();
            out.printf("%-34s %8d %7.1f %9.1f %9.1f %9.1f %9.1f  %s%n", entry.getKey(), e.get("requests").asLong(),
                    e.get("perSecond").asDouble(), e.get("p50Ms").asDouble(), e.get("p90Ms").asDouble(),
                    e.get("p99Ms").asDouble(), e.get("maxMs").asDouble(), e.get("statuses").toString());
        });
        var feed = report.get("uploadToFeed");
        out.printf("%nUpload → processed, seen in " + feed.get("seenVia").asText() + ": p50 %.0f ms, p99 %.0f ms (%d appeared of %d tracked, %d missing,"
                        + " %d untracked, %d by authors without followers)%n",
                feed.get("p50Ms").asDouble(), feed.get("p99Ms").asDouble(), feed.get("appeared").asLong(),
                feed.get("tracked").asLong(), feed.get("missing").asLong(), feed.get("untracked").asLong(),
                feed.get("authorsWithoutFollowers").asLong());
        feed.get("missingPosts").forEach(m -> out.println("  missing: " + m));
        out.printf("Server errors (5xx or no answer): %d%n", report.get("serverErrors").asLong());
    }

    static void write(ObjectNode report, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ApiClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report));
    }
}
