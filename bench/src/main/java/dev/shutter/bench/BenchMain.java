package dev.shutter.bench;

import dev.shutter.bench.events.EventsThroughputBench;
import dev.shutter.bench.feed.FeedBench;
import dev.shutter.bench.media.MediaBench;
import dev.shutter.bench.post.PostServiceBench;
import java.util.Map;

/** Entry point: {@code bench/run NAME} runs one benchmark and prints its figures. */
public final class BenchMain {

    private static final Map<String, Runnable> BENCHMARKS = Map.of(
            "events", EventsThroughputBench::run,
            "posts", PostServiceBench::run,
            "media", MediaBench::run,
            "feed", FeedBench::run);

    private BenchMain() {}

    public static void main(String[] args) {
        String name = args.length == 0 ? "" : args[0];
        Runnable bench = BENCHMARKS.get(name);
        if (bench == null) {
            System.err.println("usage: bench/run NAME, with NAME one of " + BENCHMARKS.keySet());
            System.exit(2);
        }
        bench.run();
        System.exit(0);
    }
}
