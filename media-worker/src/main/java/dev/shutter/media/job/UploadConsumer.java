package dev.shutter.media.job;

import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.events.DeadLetterException;
import dev.shutter.events.DeadLetters;
import dev.shutter.events.Event;
import dev.shutter.events.EventPublisher;
import dev.shutter.events.EventRouter;
import dev.shutter.events.EventSubscriber;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.wiring.MediaBucketConfig;
import dev.shutter.wiring.RawBucketConfig;
import dev.shutter.media.config.WorkerConfig;
import dev.shutter.media.photo.PhotoProcessor;
import dev.shutter.media.video.VideoProcessor;
import dev.shutter.wiring.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Consumes `media.uploaded` and answers each upload with `media.processed` or `media.failed`.
 * Processing runs on a pool sized to the cores; an upload that keeps failing is reported failed
 * on its last delivery rather than retried for ever.
 */
@ApplicationScoped
public class UploadConsumer {

    private static final Logger LOG = Logger.getLogger(UploadConsumer.class);
    public static final String SUBSCRIPTION = "media-worker";

    private final EventSubscriber subscriber;
    private final EventPublisher publisher;
    private final WorkerConfig config;
    private final RawBucketConfig rawConfig;
    private final MediaBucketConfig mediaConfig;
    private final MeterRegistry metrics;
    private ExecutorService cpu;
    private Subscription subscription;
    private UploadProcessor processor;

    UploadConsumer(EventSubscriber subscriber, EventPublisher publisher, WorkerConfig config, RawBucketConfig rawConfig,
            MediaBucketConfig mediaConfig, MeterRegistry metrics) {
        this.subscriber = subscriber;
        this.publisher = publisher;
        this.config = config;
        this.rawConfig = rawConfig;
        this.mediaConfig = mediaConfig;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent started) {
        int workers = config.effectiveConcurrency();
        AtomicInteger threads = new AtomicInteger();
        cpu = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "media-cpu-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long budget = (long) (Runtime.getRuntime().maxMemory() * config.memoryShare());
        processor = new UploadProcessor(Bucket.open(rawConfig, publisher).store(), Bucket.open(mediaConfig, publisher).store(),
                new PhotoProcessor(), new VideoProcessor(), new MemoryBudget(budget), new MemoryBudget(config.videoMemoryMib() << 20));
        LOG.infof("media-worker: %d at once, %d MiB for decoded images, %d MiB for ffmpeg; photos: %s; video %s", workers,
                budget >> 20, config.videoMemoryMib(),
                PhotoProcessor.engineStatus(),
                VideoProcessor.available() ? "supported" : "NOT supported (install ffmpeg for ffmpeg and ffprobe)");
        if (PhotoProcessor.defaultEngine() != PhotoProcessor.Engine.LIBVIPS) {
            LOG.warnf("media-worker: photos fall back to the pure-Java engine: %s", PhotoProcessor.engineStatus());
        }
        subscription = subscriber.subscribe(SubscriptionSpec.of(EventTypes.MEDIA_UPLOADED, SUBSCRIPTION)
                        .withConcurrency(workers)
                        .withAckDeadline(config.ackDeadline()),
                EventRouter.builder().on(EventTypes.MEDIA_UPLOADED, this::handle).build());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscription != null) {
            subscription.close();
        }
        if (cpu != null) {
            cpu.shutdown();
        }
    }

    private Uni<Void> handle(Event<ObjectFinalized> event) {
        return Uni.createFrom().item(() -> process(event.payload()))
                .runSubscriptionOn(cpu)
                .chain(this::announce)
                .onFailure().recoverWithUni(failure -> lastDelivery(event)
                        ? reportGivingUp(event.payload(), failure)
                        : Uni.createFrom().failure(failure));
    }

    private Outcome process(ObjectFinalized object) {
        try {
            return processor.process(object);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Uni<Void> announce(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Processed p -> {
                metrics.counter("shutter.media.processed", "replayed", Boolean.toString(p.alreadyDone())).increment();
                yield publisher.publish(EventTypes.MEDIA_PROCESSED, Long.toString(p.result().getPostId()), p.result());
            }
            case Outcome.Failed f -> {
                metrics.counter("shutter.media.failed").increment();
                LOG.infof("Upload %d/%d failed: %s", f.failure().getPostId(), f.failure().getMediaId(), f.failure().getReason());
                yield publisher.publish(EventTypes.MEDIA_FAILED, Long.toString(f.failure().getPostId()), f.failure());
            }
            case Outcome.Ignored i -> {
                LOG.debugf("Ignored: %s", i.why());
                yield Uni.createFrom().voidItem();
            }
        };
    }

    private static boolean lastDelivery(Event<ObjectFinalized> event) {
        return event.deliveryAttempt() >= SubscriptionSpec.DEFAULT_MAX_DELIVERIES;
    }

    /**
     * The upload failed on every delivery: tell post-service, so the post does not wait for ever,
     * then dead-letter the message so the give-up shows in the dead-letter stream and its metrics.
     */
    private Uni<Void> reportGivingUp(ObjectFinalized object, Throwable failure) {
        String reason = "processing failed repeatedly: " + DeadLetters.reason(failure);
        LOG.errorf(failure, "Giving up on upload %s after %d deliveries", object.getName(), SubscriptionSpec.DEFAULT_MAX_DELIVERIES);
        Uni<Void> told = ObjectKeys.parseUpload(object.getName())
                .map(key -> publisher.publish(EventTypes.MEDIA_FAILED, Long.toString(key.postId()), MediaFailed.newBuilder()
                        .setPostId(key.postId()).setMediaId(key.mediaId()).setStory(key.isStory()).setReason(reason).build()))
                .orElseGet(() -> Uni.createFrom().voidItem());
        return told.chain(() -> Uni.createFrom().failure(new DeadLetterException(reason, failure)));
    }
}
