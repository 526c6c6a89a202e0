package dev.shutter.media.job;

import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.media.photo.MagicBytes;
import dev.shutter.contracts.media.MediaType;
import dev.shutter.media.photo.MediaRejectedException;
import dev.shutter.media.photo.PhotoProcessor;
import dev.shutter.media.photo.ProcessedPhoto;
import dev.shutter.media.photo.Rendition;
import dev.shutter.media.photo.RenditionSet;
import dev.shutter.media.video.ProcessedVideo;
import dev.shutter.media.video.VideoProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns one uploaded original (photo or video, told apart by its bytes) into its renditions in
 * the media bucket: a post's or a story's, as its key says ({@link RenditionSet}, the clip length
 * limits in {@code VideoLimits}). Blocking and CPU-heavy:
 * runs on the worker's CPU pool. Idempotent: outputs have deterministic keys and a manifest is
 * written last, so a redelivered upload whose manifest exists is answered from it, and one whose
 * processing crashed half-way is simply done again over the same keys.
 */
public final class UploadProcessor {

    private static final Logger LOG = Logger.getLogger(UploadProcessor.class);
    static final String MANIFEST = "manifest.pb";

    private final BlobStore raw;
    private final BlobStore media;
    private final PhotoProcessor photos;
    private final VideoProcessor videos;
    private final MemoryBudget memory;
    private final MemoryBudget videoMemory;
    private final MediaRemoval removal;

    /**
     * @param memory the heap that decoded photos may take together
     * @param videoMemory the memory ffmpeg processes may take together: each video job reserves
     *     its process's limit ({@link VideoProcessor#memoryPerJob()}) while it runs
     */
    public UploadProcessor(BlobStore raw, BlobStore media, PhotoProcessor photos, VideoProcessor videos, MemoryBudget memory,
            MemoryBudget videoMemory) {
        this.raw = raw;
        this.media = media;
        this.photos = photos;
        this.videos = videos;
        this.memory = memory;
        this.videoMemory = videoMemory;
        this.removal = new MediaRemoval(media);
    }

    public Outcome process(ObjectFinalized object) throws IOException, InterruptedException {
        Optional<MediaRef> parsed = ObjectKeys.parseUpload(object.getName());
        if (parsed.isEmpty()) {
            return new Outcome.Ignored("not an upload: " + object.getName());
        }
        MediaRef key = parsed.get();
        if (ObjectKeys.TOMBSTONE_CONTENT_TYPE.equals(object.getContentType())) {
            return new Outcome.Ignored("tombstone of a deleted post: " + object.getName());
        }
        if (removal.isDeleted(key)) {
            return new Outcome.Ignored("the post was deleted: " + object.getName());
        }
        Optional<MediaProcessed> done = manifest(key);
        if (done.isPresent()) {
            return new Outcome.Processed(done.get(), true);
        }
        Path original = Files.createTempFile("upload-", ".bin");
        try {
            if (!download(object.getName(), original)) {
                return Outcome.failed(key, "the upload is gone");
            }
            MediaType kind = MagicBytes.detect(MagicBytes.head(original)).orElseThrow(() -> new MediaRejectedException("unsupported type"));
            MediaProcessed processed = kind.isVideo()
                    ? processVideo(key, original, object.getContentType())
                    : processPhoto(key, original, object.getContentType());
            // Last: its presence means every output above is in place.
            media.put(BlobKey.of(ObjectKeys.processed(key, MANIFEST)), processed.toByteArray(), "application/x-protobuf");
            // The post may have been deleted while this ran: its removal wrote the tombstone before
            // clearing the folder, so either it cleared these outputs or the check here sees it.
            if (removal.isDeleted(key)) {
                removal.removeItem(key);
                return new Outcome.Ignored("the post was deleted while its media were processed: " + object.getName());
            }
            return new Outcome.Processed(processed, false);
        } catch (MediaRejectedException e) {
            return Outcome.failed(key, e.reason());
        } finally {
            Files.deleteIfExists(original);
        }
    }

    private MediaProcessed processPhoto(MediaRef key, Path original, String declaredType)
            throws IOException, InterruptedException, MediaRejectedException {
        ProcessedPhoto photo;
        try (MemoryBudget.Reservation reserved = memory.reserve(PhotoProcessor.estimatedBytes(original))) {
            photo = photos.process(original, declaredType, RenditionSet.of(key.kind()));
        }
        MediaProcessed.Builder result = MediaProcessed.newBuilder()
                .setPostId(key.postId()).setMediaId(key.mediaId()).setType("image").setStory(key.isStory())
                .setWidth(photo.width()).setHeight(photo.height()).setBlurhash(photo.blurhash())
                .setMeanColour(dev.shutter.contracts.events.v1.MediaProcessed.MeanColour.newBuilder().setRed(photo.meanColour().red())
                        .setGreen(photo.meanColour().green()).setBlue(photo.meanColour().blue()));
        for (Rendition rendition : photo.renditions()) {
            String outputKey = ObjectKeys.processed(key, rendition.fileName());
            media.put(BlobKey.of(outputKey), rendition.bytes(), rendition.contentType());
            result.putVariants(rendition.name(), outputKey);
        }
        LOG.infof("Processed photo %d/%d: %dx%d, %d renditions", key.postId(), key.mediaId(), photo.width(), photo.height(),
                photo.renditions().size());
        return result.build();
    }

    /** HLS renditions and a poster, written with the same relative layout the master playlist refers to. */
    private MediaProcessed processVideo(MediaRef key, Path original, String declaredType)
            throws IOException, InterruptedException, MediaRejectedException {
        Path work = Files.createTempDirectory("video-");
        try {
            ProcessedVideo video;
            try (MemoryBudget.Reservation reserved = videoMemory.reserve(VideoProcessor.memoryPerJob())) {
                video = videos.process(original, declaredType, work, key.kind());
            }
            for (Path file : video.files()) {
                String relative = file.toString().replace('\\', '/');
                media.put(BlobKey.of(ObjectKeys.processed(key, relative)), work.resolve(file), contentTypeOf(relative));
            }
            LOG.infof("Processed video %d/%d: %dx%d, %d ms, %d files", key.postId(), key.mediaId(), video.width(), video.height(),
                    video.durationMs(), video.files().size());
            return MediaProcessed.newBuilder()
                    .setPostId(key.postId()).setMediaId(key.mediaId()).setType("video").setStory(key.isStory())
                    .setWidth(video.width()).setHeight(video.height()).setDurationMs(video.durationMs())
                    .setHlsKey(ObjectKeys.processed(key, video.masterPlaylist()))
                    .setPosterKey(ObjectKeys.processed(key, video.poster()))
                    .build();
        } finally {
            deleteTree(work);
        }
    }

    private static String contentTypeOf(String fileName) {
        if (fileName.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (fileName.endsWith(".ts")) {
            return "video/mp2t";
        }
        return fileName.endsWith(".webp") ? "image/webp" : "application/octet-stream";
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Optional<MediaProcessed> manifest(MediaRef key) throws IOException {
        BlobKey manifestKey = BlobKey.of(ObjectKeys.processed(key, MANIFEST));
        if (media.head(manifestKey).isEmpty()) {
            return Optional.empty();
        }
        try (BlobStream in = media.get(manifestKey)) {
            return Optional.of(MediaProcessed.parseFrom(in));
        }
    }

    private boolean download(String name, Path into) throws IOException {
        BlobKey key = BlobKey.of(name);
        if (raw.head(key).isEmpty()) {
            return false;
        }
        try (InputStream in = raw.get(key)) {
            Files.copy(in, into, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }
}
