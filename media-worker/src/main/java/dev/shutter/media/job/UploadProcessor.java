package dev.shutter.media.job;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.contracts.events.v1.MediaProcessed;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.media.photo.MagicBytes;
import dev.shutter.media.photo.MediaKind;
import dev.shutter.media.photo.MediaRejectedException;
import dev.shutter.media.photo.PhotoProcessor;
import dev.shutter.media.photo.ProcessedPhoto;
import dev.shutter.media.photo.Rendition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns one uploaded original into its renditions in the media bucket. Blocking and CPU-heavy:
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
    private final MemoryBudget memory;

    public UploadProcessor(BlobStore raw, BlobStore media, PhotoProcessor photos, MemoryBudget memory) {
        this.raw = raw;
        this.media = media;
        this.photos = photos;
        this.memory = memory;
    }

    public Outcome process(ObjectFinalized object) throws IOException, InterruptedException {
        Optional<UploadKey> parsed = UploadKey.parse(object.getName());
        if (parsed.isEmpty()) {
            return new Outcome.Ignored("not an upload: " + object.getName());
        }
        UploadKey key = parsed.get();
        Optional<MediaProcessed> done = manifest(key);
        if (done.isPresent()) {
            return new Outcome.Processed(done.get(), true);
        }
        Path original = Files.createTempFile("upload-", ".bin");
        try {
            if (!download(object.getName(), original)) {
                return Outcome.failed(key, "the upload is gone");
            }
            return new Outcome.Processed(processPhoto(key, original, object.getContentType()), false);
        } catch (MediaRejectedException e) {
            return Outcome.failed(key, e.reason());
        } finally {
            Files.deleteIfExists(original);
        }
    }

    private MediaProcessed processPhoto(UploadKey key, Path original, String declaredType)
            throws IOException, InterruptedException, MediaRejectedException {
        MediaKind kind = MagicBytes.detect(head(original)).orElseThrow(() -> new MediaRejectedException("unsupported type"));
        if (kind.isVideo()) {
            throw new MediaRejectedException("video processing is not available on this worker yet");
        }
        ProcessedPhoto photo;
        try (MemoryBudget.Reservation reserved = memory.reserve(PhotoProcessor.estimatedBytes(original))) {
            photo = photos.process(original, declaredType);
        }
        MediaProcessed.Builder result = MediaProcessed.newBuilder()
                .setPostId(key.postId()).setMediaId(key.mediaId()).setType("image")
                .setWidth(photo.width()).setHeight(photo.height()).setBlurhash(photo.blurhash());
        for (Rendition rendition : photo.renditions()) {
            String outputKey = key.outputKey(rendition.fileName());
            media.put(BlobKey.of(outputKey), rendition.bytes(), rendition.contentType());
            result.putVariants(rendition.name(), outputKey);
        }
        MediaProcessed processed = result.build();
        // Last: its presence means every rendition above is in place.
        media.put(BlobKey.of(key.outputKey(MANIFEST)), processed.toByteArray(), "application/x-protobuf");
        LOG.infof("Processed photo %d/%d: %dx%d, %d renditions", key.postId(), key.mediaId(), photo.width(), photo.height(),
                photo.renditions().size());
        return processed;
    }

    private Optional<MediaProcessed> manifest(UploadKey key) throws IOException {
        BlobKey manifestKey = BlobKey.of(key.outputKey(MANIFEST));
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

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64);
        }
    }
}
