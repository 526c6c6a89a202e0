package dev.shutter.media.job;

import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.contracts.events.v1.PostDeleted;
import dev.shutter.contracts.events.v1.UserErased;
import dev.shutter.contracts.media.MediaKind;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.contracts.events.EventTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.contracts.events.v1.MediaFailed;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.events.DeadLetters;
import dev.shutter.events.Delivery;
import dev.shutter.events.EventPublisher;
import dev.shutter.events.EventRouter;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.media.config.WorkerConfig;
import dev.shutter.wiring.MediaBucketConfig;
import dev.shutter.wiring.RawBucketConfig;
import dev.shutter.wiring.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker end to end: an upload lands in the raw bucket, renditions land in the media bucket, the verdict on the bus. */
@QuarkusTest
class MediaWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis());
    /** The owner of the media the tests upload, and one token for all: keys are still unique by their IDs. */
    private static final long OWNER = IDS.incrementAndGet();
    private static final String TOKEN = MediaRef.create(1, 1, 1).token();

    @Inject
    RawBucketConfig rawConfig;

    @Inject
    MediaBucketConfig mediaConfig;

    @Inject
    EventPublisher publisher;

    @Inject
    MeterRegistry metrics;

    @Inject
    StoryMediaSweeper sweeper;

    @Inject
    WorkerConfig workerConfig;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUri;

    private RedisStreamEventBus bus;
    private Subscription processedSubscription;
    private Subscription failedSubscription;
    private final List<MediaProcessed> processed = new CopyOnWriteArrayList<>();
    private final List<MediaFailed> failed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        bus = RedisStreamEventBus.create(redisUri);
        String name = "test-" + IDS.incrementAndGet();
        processedSubscription = bus.subscribe(SubscriptionSpec.of(EventTypes.MEDIA_PROCESSED, name), EventRouter.builder()
                .on(EventTypes.MEDIA_PROCESSED, e -> record(processed, e.payload())).build());
        failedSubscription = bus.subscribe(SubscriptionSpec.of(EventTypes.MEDIA_FAILED, name), EventRouter.builder()
                .on(EventTypes.MEDIA_FAILED, e -> record(failed, e.payload())).build());
    }

    @AfterEach
    void stopListening() {
        processedSubscription.close();
        failedSubscription.close();
        bus.close();
    }

    @Test
    void uploadedPhotoBecomesRenditionsAndAProcessedEvent() throws Exception {
        long postId = IDS.incrementAndGet();
        long mediaId = IDS.incrementAndGet();

        raw().put(BlobKey.of(ObjectKeys.upload(item(postId, mediaId))), noisyJpeg(2400, 1600), "image/jpeg");

        MediaProcessed done = awaitProcessed(postId, mediaId, 1).getFirst();
        assertThat(done.getType()).isEqualTo("image");
        assertThat(done.getWidth()).isEqualTo(2400);
        assertThat(done.getHeight()).isEqualTo(1600);
        assertThat(done.getBlurhash()).isNotBlank();
        assertThat(done.hasMeanColour()).isTrue();
        assertThat(List.of(done.getMeanColour().getRed(), done.getMeanColour().getGreen(), done.getMeanColour().getBlue()))
                .allSatisfy(channel -> assertThat(channel).isBetween(0f, 1f));
        assertThat(done.getVariantsMap()).containsKeys("thumb", "medium", "hq", "original");
        String hqKey = done.getVariantsMap().get("hq");
        assertThat(hqKey).isEqualTo(ObjectKeys.processed(item(postId, mediaId), "hq.webp"));
        try (InputStream in = media().get(BlobKey.of(hqKey))) {
            BufferedImage hq = ImageIO.read(in);
            assertThat(hq.getWidth()).isEqualTo(1080);
            assertThat(hq.getHeight()).isEqualTo(720);
        }
    }

    @Test
    void aStoryPhotoBecomesAStoryVariantInside1080By1920AndAThumbOnly() throws Exception {
        for (int[] size : new int[][] {{4000, 3000, 1080, 810}, {1200, 4000, 576, 1920}, {600, 800, 600, 800}}) {
            MediaRef story = storyItem();
            raw().put(BlobKey.of(ObjectKeys.upload(story)), noisyJpeg(size[0], size[1]), "image/jpeg");

            MediaProcessed done = awaitProcessed(story.postId(), story.mediaId(), 1).getFirst();
            assertThat(done.getStory()).isTrue();
            assertThat(done.getType()).isEqualTo("image");
            assertThat(done.getWidth()).isEqualTo(size[0]);
            assertThat(done.getHeight()).isEqualTo(size[1]);
            assertThat(done.getBlurhash()).isNotBlank();
            assertThat(done.getVariantsMap()).containsOnlyKeys("story", "story.jpeg", "thumb", "thumb.jpeg");
            assertThat(done.getVariantsMap().get("story")).isEqualTo(ObjectKeys.processed(story, "story.webp"))
                    .startsWith(ObjectKeys.processedOfStory(OWNER, story.postId()));
            assertThat(done.getVariantsMap().get("story.jpeg")).isEqualTo(ObjectKeys.processed(story, "story.jpg"));
            assertThat(media().head(BlobKey.of(done.getVariantsMap().get("story"))).orElseThrow().contentType())
                    .isEqualTo("image/webp");
            assertThat(media().head(BlobKey.of(done.getVariantsMap().get("story.jpeg"))).orElseThrow().contentType())
                    .isEqualTo("image/jpeg");
            for (String variant : List.of("story", "story.jpeg", "thumb", "thumb.jpeg")) {
                boolean thumb = variant.startsWith("thumb");
                try (InputStream in = media().get(BlobKey.of(done.getVariantsMap().get(variant)))) {
                    BufferedImage image = ImageIO.read(in);
                    assertThat(image.getWidth()).as("%s of %dx%d", variant, size[0], size[1]).isEqualTo(thumb ? 150 : size[2]);
                    assertThat(image.getHeight()).as("%s of %dx%d", variant, size[0], size[1]).isEqualTo(thumb ? 150 : size[3]);
                }
            }
            assertThat(listed(ObjectKeys.processedPrefix(story))).extracting(blob -> blob.key().value())
                    .noneMatch(key -> key.contains("/hq") || key.contains("/medium") || key.contains("/original"));
        }
    }

    @Test
    void aRedeliveredStoryUploadIsAnsweredFromItsManifest() throws Exception {
        MediaRef story = storyItem();
        String name = ObjectKeys.upload(story);
        raw().put(BlobKey.of(name), noisyJpeg(800, 600), "image/jpeg");
        MediaProcessed first = awaitProcessed(story.postId(), story.mediaId(), 1).getFirst();
        BlobInfo before = media().head(BlobKey.of(first.getVariantsMap().get("story"))).orElseThrow();
        double replayedBefore = metrics.counter("shutter.media.processed", "replayed", "true").count();

        publisher.publish(EventTypes.MEDIA_UPLOADED, name, ObjectFinalized.newBuilder()
                .setBucket(rawConfig.bucket()).setName(name).setContentType("image/jpeg").build()).await().atMost(WAIT);

        List<MediaProcessed> both = awaitProcessed(story.postId(), story.mediaId(), 2);
        assertThat(both.get(1)).isEqualTo(first);
        assertThat(both.get(1).getStory()).isTrue();
        assertThat(media().head(BlobKey.of(first.getVariantsMap().get("story"))).orElseThrow().generation())
                .isEqualTo(before.generation());
        assertThat(metrics.counter("shutter.media.processed", "replayed", "true").count()).isEqualTo(replayedBefore + 1);
    }

    @Test
    void theSweeperRemovesOnlyStoryMediaOlderThanTheRetention() throws Exception {
        MediaRef story = storyItem();
        MediaRef post = item(IDS.incrementAndGet(), IDS.incrementAndGet());
        raw().put(BlobKey.of(ObjectKeys.upload(story)), noisyJpeg(300, 200), "image/jpeg");
        awaitProcessed(story.postId(), story.mediaId(), 1);
        raw().put(BlobKey.of(ObjectKeys.upload(post)), noisyJpeg(300, 200), "image/jpeg");
        awaitProcessed(post.postId(), post.mediaId(), 1);
        Duration retention = workerConfig.storyMediaRetention();
        java.time.Instant uploaded = raw().head(BlobKey.of(ObjectKeys.upload(story))).orElseThrow().updated();
        List<BlobInfo> outputs = listed(ObjectKeys.processedPrefix(story));
        java.time.Instant lastWritten = outputs.stream().map(BlobInfo::updated).max(java.util.Comparator.naturalOrder()).orElseThrow();

        // Exactly the retention after the upload: nothing of this story is older than that yet.
        sweeper.sweep(uploaded.plus(retention));
        assertThat(listed(ObjectKeys.processedPrefix(story))).hasSameSizeAs(outputs);
        assertThat(raw().head(BlobKey.of(ObjectKeys.upload(story)))).isPresent();

        double removedBefore = metrics.counter("shutter.media.removed", "reason", "story_expired").count();
        int removed = sweeper.sweep(lastWritten.plus(retention).plusMillis(1));
        // The upload, the thumb and story pairs and the manifest at least (other tests' stories go too).
        assertThat(removed).isGreaterThanOrEqualTo(1 + outputs.size()).isGreaterThanOrEqualTo(6);
        assertThat(metrics.counter("shutter.media.removed", "reason", "story_expired").count()).isEqualTo(removedBefore + removed);
        assertThat(listed(ObjectKeys.allStories())).isEmpty();
        assertThat(raw().head(BlobKey.of(ObjectKeys.upload(story)))).isEmpty();
        assertThat(listed(ObjectKeys.processedPrefix(post))).as("posts' media stay").isNotEmpty();
        assertThat(raw().head(BlobKey.of(ObjectKeys.upload(post)))).as("posts' uploads stay").isPresent();
    }

    @Test
    void aStoryClipOfFiveSecondsBecomesHlsAndAPosterMarkedAsAStorys() throws Exception {
        MediaRef story = storyItem();
        uploadClip(story, 360, 640, 24, 5, true);

        MediaProcessed done = awaitProcessed(story.postId(), story.mediaId(), 1).getFirst();
        assertThat(done.getStory()).isTrue();
        assertThat(done.getType()).isEqualTo("video");
        assertThat(done.getDurationMs()).isBetween(4_500L, 5_500L);
        assertThat(done.getHlsKey()).isEqualTo(ObjectKeys.processed(story, "master.m3u8"));
        try (InputStream master = media().get(BlobKey.of(done.getHlsKey()))) {
            assertThat(new String(master.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("360p/index.m3u8");
        }
        assertThat(media().head(BlobKey.of(ObjectKeys.processed(story, "360p/index.m3u8")))).isPresent();
        assertThat(done.getPosterKey()).startsWith(ObjectKeys.processedOfStory(OWNER, story.postId()));
        try (InputStream poster = media().get(BlobKey.of(done.getPosterKey()))) {
            assertThat(ImageIO.read(poster).getWidth()).isEqualTo(360);
        }
    }

    @Test
    void aStoryClipLongerThanFifteenSecondsFailsMarkedAsAStorys() throws Exception {
        MediaRef story = storyItem();
        uploadClip(story, 160, 90, 2, 20, false);

        await().atMost(WAIT).until(() -> failed.stream().anyMatch(f -> f.getMediaId() == story.mediaId()));
        MediaFailed verdict = failed.stream().filter(f -> f.getMediaId() == story.mediaId()).findFirst().orElseThrow();
        assertThat(verdict.getPostId()).isEqualTo(story.postId());
        assertThat(verdict.getStory()).isTrue();
        assertThat(verdict.getReason()).isEqualTo("story video longer than 15 seconds");
        assertThat(matching(story.postId(), story.mediaId())).isEmpty();
        assertThat(listed(ObjectKeys.processedPrefix(story))).isEmpty();
    }

    @Test
    void uploadedVideoBecomesHlsWithAPoster() throws Exception {
        long postId = IDS.incrementAndGet();
        long mediaId = IDS.incrementAndGet();

        uploadClip(item(postId, mediaId), 640, 360, 24, 3, true);

        MediaProcessed done = awaitProcessed(postId, mediaId, 1).getFirst();
        assertThat(done.getType()).isEqualTo("video");
        assertThat(done.getDurationMs()).isBetween(2_500L, 3_500L);
        assertThat(done.getHlsKey()).isEqualTo(ObjectKeys.processed(item(postId, mediaId), "master.m3u8"));
        try (InputStream master = media().get(BlobKey.of(done.getHlsKey()))) {
            String playlist = new String(master.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(playlist).contains("#EXTM3U").contains("360p/index.m3u8");
        }
        assertThat(media().head(BlobKey.of(ObjectKeys.processed(item(postId, mediaId), "360p/index.m3u8")))).isPresent();
        try (InputStream poster = media().get(BlobKey.of(done.getPosterKey()))) {
            assertThat(ImageIO.read(poster).getWidth()).isEqualTo(640);
        }
    }

    @Test
    void replayedUploadIsAnsweredFromTheManifestWithoutRedoingTheWork() throws Exception {
        long postId = IDS.incrementAndGet();
        long mediaId = IDS.incrementAndGet();
        String name = ObjectKeys.upload(item(postId, mediaId));
        raw().put(BlobKey.of(name), noisyJpeg(800, 600), "image/jpeg");
        MediaProcessed first = awaitProcessed(postId, mediaId, 1).getFirst();
        BlobInfo before = media().head(BlobKey.of(first.getVariantsMap().get("hq"))).orElseThrow();
        double replayedBefore = metrics.counter("shutter.media.processed", "replayed", "true").count();

        publisher.publish(EventTypes.MEDIA_UPLOADED, name, ObjectFinalized.newBuilder()
                .setBucket(rawConfig.bucket()).setName(name).setContentType("image/jpeg").build()).await().atMost(WAIT);

        List<MediaProcessed> both = awaitProcessed(postId, mediaId, 2);
        assertThat(both.get(1)).isEqualTo(first);
        assertThat(media().head(BlobKey.of(first.getVariantsMap().get("hq"))).orElseThrow().generation())
                .isEqualTo(before.generation());
        assertThat(metrics.counter("shutter.media.processed", "replayed", "true").count()).isEqualTo(replayedBefore + 1);
    }

    @Test
    void randomBytesFailWithAReasonAndTheWorkerServesTheNextUpload() throws Exception {
        long badPost = IDS.incrementAndGet();
        long badMedia = IDS.incrementAndGet();
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        raw().put(BlobKey.of(ObjectKeys.upload(item(badPost, badMedia))), noise, "image/jpeg");
        long goodPost = IDS.incrementAndGet();
        long goodMedia = IDS.incrementAndGet();
        raw().put(BlobKey.of(ObjectKeys.upload(item(goodPost, goodMedia))), noisyJpeg(300, 300), "image/jpeg");

        await().atMost(WAIT).until(() -> failed.stream().anyMatch(f -> f.getMediaId() == badMedia));
        assertThat(failed.stream().filter(f -> f.getMediaId() == badMedia).findFirst().orElseThrow().getReason())
                .isEqualTo("unsupported type");
        awaitProcessed(goodPost, goodMedia, 1);
    }

    @Test
    void uploadFailingOnEveryDeliveryIsReportedFailedAndDeadLettered() throws Exception {
        long postId = IDS.incrementAndGet();
        long mediaId = IDS.incrementAndGet();
        List<Delivery> deadLetters = new CopyOnWriteArrayList<>();
        Subscription dead = bus.subscribe(SubscriptionSpec.of(DeadLetters.topicOf(EventTypes.MEDIA_UPLOADED.topic()),
                DeadLetters.subscriptionOf(UploadConsumer.SUBSCRIPTION)), d -> record(deadLetters, d));
        try {
            // An object where the item's folder goes makes every rendition path below it
            // unwritable: a failure that recurs on every delivery, as a broken bucket would.
            String folder = ObjectKeys.processedPrefix(item(postId, mediaId));
            media().put(BlobKey.of(folder.substring(0, folder.length() - 1)), new byte[] {1}, "application/octet-stream");

            raw().put(BlobKey.of(ObjectKeys.upload(item(postId, mediaId))), noisyJpeg(200, 200), "image/jpeg");

            await().atMost(WAIT).until(() -> failed.stream().anyMatch(f -> f.getMediaId() == mediaId));
            assertThat(failed.stream().filter(f -> f.getMediaId() == mediaId).findFirst().orElseThrow().getReason())
                    .startsWith("processing failed repeatedly");
            await().atMost(WAIT).until(() -> deadLetters.stream()
                    .anyMatch(d -> d.envelope().key().equals(ObjectKeys.upload(item(postId, mediaId)))));
            Delivery letter = deadLetters.stream()
                    .filter(d -> d.envelope().key().equals(ObjectKeys.upload(item(postId, mediaId)))).findFirst().orElseThrow();
            assertThat(letter.attributes()).containsEntry(DeadLetters.DELIVERY_ATTEMPTS, "5");
            assertThat(matching(postId, mediaId)).isEmpty();
        } finally {
            dead.close();
        }
    }

    @Test
    void aDeletedPostsMediaAreRemovedAndItsLateUploadsNeverProcessed() throws Exception {
        long postId = IDS.incrementAndGet();
        long mediaId = IDS.incrementAndGet();
        raw().put(BlobKey.of(ObjectKeys.upload(item(postId, mediaId))), noisyJpeg(400, 300), "image/jpeg");
        MediaProcessed done = awaitProcessed(postId, mediaId, 1).getFirst();
        assertThat(listed(ObjectKeys.processedOfPost(OWNER, postId))).isNotEmpty();

        publisher.publish(EventTypes.POST_DELETED, Long.toString(postId), PostDeleted.newBuilder()
                .setPostId(postId).setAuthorId(OWNER).build()).await().atMost(WAIT);

        await().atMost(WAIT).until(() -> listed(ObjectKeys.processedOfPost(OWNER, postId)).isEmpty());
        assertThat(media().head(BlobKey.of(done.getVariantsMap().get("hq")))).isEmpty();
        assertThat(media().head(BlobKey.of(ObjectKeys.tombstone(OWNER, postId)))).isPresent();

        // An upload of the deleted post arriving late (another item) is never processed.
        long lateMedia = IDS.incrementAndGet();
        raw().put(BlobKey.of(ObjectKeys.upload(item(postId, lateMedia))), noisyJpeg(200, 200), "image/jpeg");
        long marker = IDS.incrementAndGet();
        long markerMedia = IDS.incrementAndGet();
        raw().put(BlobKey.of(ObjectKeys.upload(item(marker, markerMedia))), noisyJpeg(200, 200), "image/jpeg");
        awaitProcessed(marker, markerMedia, 1);
        assertThat(matching(postId, lateMedia)).isEmpty();
        assertThat(listed(ObjectKeys.processedOfPost(OWNER, postId))).isEmpty();
    }

    @Test
    void tombstonesInTheRawBucketAreNotUploads() throws Exception {
        long postId = IDS.incrementAndGet();
        long mediaId = IDS.incrementAndGet();
        raw().put(BlobKey.of(ObjectKeys.upload(item(postId, mediaId))), new byte[0], ObjectKeys.TOMBSTONE_CONTENT_TYPE);
        long marker = IDS.incrementAndGet();
        long markerMedia = IDS.incrementAndGet();
        raw().put(BlobKey.of(ObjectKeys.upload(item(marker, markerMedia))), noisyJpeg(200, 200), "image/jpeg");
        awaitProcessed(marker, markerMedia, 1);
        assertThat(matching(postId, mediaId)).isEmpty();
        assertThat(failed.stream().anyMatch(f -> f.getMediaId() == mediaId)).isFalse();
    }

    @Test
    void anErasedAccountsMediaAreAllRemovedAndTheLedgerIsTold() throws Exception {
        long owner = IDS.incrementAndGet();
        long postId = IDS.incrementAndGet();
        long mediaId = IDS.incrementAndGet();
        MediaRef item = new MediaRef(owner, postId, mediaId, TOKEN);
        raw().put(BlobKey.of(ObjectKeys.upload(item)), noisyJpeg(300, 200), "image/jpeg");
        awaitProcessed(postId, mediaId, 1);
        MediaRef story = new MediaRef(owner, IDS.incrementAndGet(), IDS.incrementAndGet(), TOKEN, MediaKind.STORY);
        raw().put(BlobKey.of(ObjectKeys.upload(story)), noisyJpeg(300, 200), "image/jpeg");
        awaitProcessed(story.postId(), story.mediaId(), 1);
        assertThat(listed(ObjectKeys.storiesOf(owner))).isNotEmpty();
        media().put(BlobKey.of(ObjectKeys.tombstone(owner, IDS.incrementAndGet())), new byte[0], ObjectKeys.TOMBSTONE_CONTENT_TYPE);
        List<ErasureFinished> finished = new CopyOnWriteArrayList<>();
        Subscription ledger = bus.subscribe(SubscriptionSpec.of(EventTypes.ERASURE_FINISHED, "test-ledger-" + owner),
                EventRouter.builder().on(EventTypes.ERASURE_FINISHED, e -> record(finished, e.payload())).build());
        try {
            publisher.publish(EventTypes.USER_ERASED, Long.toString(owner), UserErased.newBuilder().setUserId(owner).build())
                    .await().atMost(WAIT);
            await().atMost(WAIT).until(() -> finished.stream().anyMatch(f -> f.getUserId() == owner));
            ErasureFinished report = finished.stream().filter(f -> f.getUserId() == owner).findFirst().orElseThrow();
            assertThat(report.getStore()).isEqualTo(RemovalConsumer.STORE);
            assertThat(report.getRemoved()).isGreaterThan(3);
            assertThat(listed(ObjectKeys.processedOf(owner))).isEmpty();
            assertThat(listed(ObjectKeys.storiesOf(owner))).isEmpty();
            assertThat(listed(ObjectKeys.tombstonesOf(owner))).isEmpty();
        } finally {
            ledger.close();
        }
    }

    private List<BlobInfo> listed(String prefix) {
        try (var objects = media().listAll(prefix)) {
            return objects.toList();
        }
    }

    private static MediaRef item(long postId, long mediaId) {
        return new MediaRef(OWNER, postId, mediaId, TOKEN);
    }

    private static MediaRef storyItem() {
        return new MediaRef(OWNER, IDS.incrementAndGet(), IDS.incrementAndGet(), TOKEN, MediaKind.STORY);
    }

    /** A real clip (ffmpeg's test pattern) uploaded as this item; the test is skipped without ffmpeg. */
    private void uploadClip(MediaRef item, int width, int height, int rate, double seconds, boolean audio) throws Exception {
        dev.shutter.media.RequiredTool.require(dev.shutter.media.video.VideoProcessor.available(), "ffmpeg and ffprobe");
        java.nio.file.Path clip = dev.shutter.media.video.TestClips.clip(
                java.nio.file.Files.createTempDirectory("clip-").resolve("clip.mp4"), width, height, rate, seconds, audio);
        raw().put(BlobKey.of(ObjectKeys.upload(item)), clip, "video/mp4");
    }

    private List<MediaProcessed> awaitProcessed(long postId, long mediaId, int count) {
        await().atMost(WAIT).until(() -> matching(postId, mediaId).size() >= count);
        return matching(postId, mediaId);
    }

    private List<MediaProcessed> matching(long postId, long mediaId) {
        return processed.stream().filter(p -> p.getPostId() == postId && p.getMediaId() == mediaId).toList();
    }

    private BlobStore raw() {
        return Bucket.open(rawConfig, publisher).store();
    }

    private BlobStore media() {
        return Bucket.open(mediaConfig, publisher).store();
    }

    private static <T> Uni<Void> record(List<T> into, T item) {
        into.add(item);
        return Uni.createFrom().voidItem();
    }

    static byte[] noisyJpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | random.nextInt(64));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
