package dev.shutter.media.job;

import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobStore;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.events.EventPublisher;
import dev.shutter.media.config.WorkerConfig;
import dev.shutter.wiring.Bucket;
import dev.shutter.wiring.MediaBucketConfig;
import dev.shutter.wiring.RawBucketConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Locally what the buckets' lifecycle rule on {@code stories/} and {@code story-uploads/} does on
 * Google Cloud: removes story media older than {@code shutter.worker.story-media-retention} (a
 * story's life plus 48 h). Serving never depends on it: story URLs' grants end with the story.
 * Runs on a worker thread (blob calls block).
 */
@ApplicationScoped
public class StoryMediaSweeper {

    private static final Logger LOG = Logger.getLogger(StoryMediaSweeper.class);

    private final BlobStore raw;
    private final BlobStore media;
    private final WorkerConfig config;
    private final MeterRegistry metrics;

    StoryMediaSweeper(RawBucketConfig rawConfig, MediaBucketConfig mediaConfig, EventPublisher publisher, WorkerConfig config,
            MeterRegistry metrics) {
        this.raw = Bucket.open(rawConfig, publisher).store();
        this.media = Bucket.open(mediaConfig, publisher).store();
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${shutter.worker.story-sweep-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            sweep(Instant.now());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Story media sweep failed (retried next round): %s", e.getMessage());
        }
    }

    /**
     * Removes the story objects that, at {@code now}, were last written longer than the retention
     * ago; returns how many.
     */
    public int sweep(Instant now) throws IOException {
        Instant cutoff = now.minus(config.storyMediaRetention());
        int removed = remove(raw, ObjectKeys.allStoryUploads(), cutoff) + remove(media, ObjectKeys.allStories(), cutoff);
        LOG.logf(removed > 0 ? Logger.Level.INFO : Logger.Level.DEBUG, "Removed %d story media objects last written before %s",
                removed, cutoff);
        metrics.counter("shutter.media.removed", "reason", "story_expired").increment(removed);
        return removed;
    }

    private static int remove(BlobStore store, String prefix, Instant cutoff) throws IOException {
        List<BlobInfo> old;
        try (Stream<BlobInfo> objects = store.listAll(prefix)) {
            old = objects.filter(blob -> blob.updated().isBefore(cutoff)).toList();
        }
        int removed = 0;
        for (BlobInfo blob : old) {
            if (store.delete(blob.key())) {
                removed++;
            }
        }
        return removed;
    }
}
