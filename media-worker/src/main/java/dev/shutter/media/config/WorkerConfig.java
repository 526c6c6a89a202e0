package dev.shutter.media.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How much work the worker takes on at once. */
@ConfigMapping(prefix = "shutter.worker")
public interface WorkerConfig {

    /** Uploads processed at once; defaults to the number of cores (the work is CPU-bound). */
    Optional<Integer> concurrency();

    /** Share of the heap that decoded images may take together; larger jobs wait their turn. */
    @WithDefault("0.5")
    double memoryShare();

    /**
     * MiB that the ffmpeg processes of videos processed at once may take together (each reserves
     * its address-space limit, 2 GiB by default): more videos than fit wait their turn.
     */
    @WithDefault("4096")
    long videoMemoryMib();

    /** How long one upload may take before another worker may take it over. */
    @WithDefault("2m")
    Duration ackDeadline();

    /**
     * How long a story's media stay after upload: its 24 h life and 48 h more (the media bucket's
     * lifecycle rule on Google Cloud; {@code StoryMediaSweeper} locally).
     */
    @WithDefault("72h")
    Duration storyMediaRetention();

    /** How often the story media sweeper runs. */
    @WithDefault("10m")
    Duration storySweepInterval();

    default int effectiveConcurrency() {
        return concurrency().orElse(Runtime.getRuntime().availableProcessors());
    }
}
