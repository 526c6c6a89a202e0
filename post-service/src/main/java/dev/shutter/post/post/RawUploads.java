package dev.shutter.post.post;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.post.reactive.Offload;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The originals clients upload into the raw bucket, one object per media item (its key from
 * platform/contracts' {@code ObjectKeys}, stored with the item).
 */
@ApplicationScoped
public class RawUploads {

    private static final Logger LOG = Logger.getLogger(RawUploads.class);

    private final BlobStore store;

    RawUploads(BlobStore store) {
        this.store = store;
    }

    /**
     * Replaces the originals with empty tombstones ({@link ObjectKeys#TOMBSTONE_CONTENT_TYPE}):
     * the bytes are gone, and the key stays taken, so the item's upload URL (which works only on an
     * empty key) is refused from now on. The media worker ignores tombstones. Blob store calls
     * block, so this runs on the worker pool ({@link Offload} moves any blocking work there, not
     * only CPU work) and resumes on the caller's context.
     *
     * @return whether every original is gone; failures are logged, never thrown
     */
    public Uni<Boolean> retire(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return Offload.cpu(() -> {
            boolean allGone = true;
            for (String key : keys) {
                try {
                    store.put(BlobKey.of(key), new byte[0], ObjectKeys.TOMBSTONE_CONTENT_TYPE);
                } catch (IOException | RuntimeException e) {
                    allGone = false;
                    LOG.warnf("Could not retire raw upload %s: %s", key, e.getMessage());
                }
            }
            return allGone;
        });
    }
}
