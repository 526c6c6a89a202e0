package dev.shutter.bench;

import dev.shutter.bench.events.EventsThroughputBench;
import dev.shutter.bench.feed.FeedBench;
import dev.shutter.bench.load.ChaosRun;
import dev.shutter.bench.load.LoadBench;
import dev.shutter.bench.media.MediaBench;
import dev.shutter.bench.post.PostServiceBench;
import dev.shutter.bench.story.StoriesBench;
import java.util.Arrays;
import java.util.Map;

/** Entry point: {@code bench/run NAME} runs one benchmark and prints its figures. */
public final class BenchMain {

    private static final Map<String, Runnable> BENCHMARKS = Map.of(
            "events", EventsThroughputBench::run,
            "posts", PostServiceBench::run,
            "media", MediaBench::run,
            "feed", FeedBench::run,
            "stories", StoriesBench::run,
            "notifications", dev.shutter.bench.notification.NotificationsBench::run,
            "search", dev.shutter.bench.search.SearchBench::run,
            "explore-ann", dev.shutter.bench.explore.ExploreAnnBench::run,
            "explore-service", dev.shutter.bench.explore.ExploreServiceBench::run,
            "explore", () -> {
                dev.shutter.bench.explore.ExploreAnnBench.run();
                dev.shutter.bench.explore.ExploreServiceBench.run();
            });

    private BenchMain() {}

    public static void main(String[] args) {
        String name = args.length == 0 ? "" : args[0];
        if (name.equals("load")) {
            // Against a running stack, with options of its own: bench/run load --help
            System.exit(LoadBench.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (name.equals("chaos")) {
            // Starts its own stack, with options of its own: bench/run chaos --help
            System.exit(ChaosRun.run(Arrays.asList(args).subList(1, args.length)));
        }
        Runnable bench = BENCHMARKS.get(name);
        if (bench == null) {
            System.err.println("usage: bench/run NAME, with NAME one of " + BENCHMARKS.keySet() + " or load, chaos");
            System.exit(2);
        }
        bench.run();
        System.exit(0);
    }
}
