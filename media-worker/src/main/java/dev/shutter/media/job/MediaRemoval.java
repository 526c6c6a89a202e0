package dev.shutter.media.job;

import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes processed media from the media bucket: a deleted post's, or an erased account's. A
 * deleted post first gets a tombstone ({@link ObjectKeys#tombstone}), then its folder is cleared,
 * so that processing still running for it finds the tombstone after writing and clears its own
 * outputs. Blocking; idempotent (a redelivery clears what is left, which may be nothing).
 */
public final class MediaRemoval {

    private final BlobStore media;

    public MediaRemoval(BlobStore media) {
        this.media = media;
    }

    /**
     * @param accountErased the author's account is being erased: no tombstone, which would outlive
     *     the account's own erasure (its {@code user.erased} may have been handled already)
     * @return how many objects were removed
     */
    public int postDeleted(long ownerId, long postId, boolean accountErased) throws IOException {
        BlobKey tombstone = BlobKey.of(ObjectKeys.tombstone(ownerId, postId));
        if (!accountErased && media.head(tombstone).isEmpty()) {
            media.put(tombstone, new byte[0], ObjectKeys.TOMBSTONE_CONTENT_TYPE);
        }
        return removeAll(ObjectKeys.processedOfPost(ownerId, postId));
    }

    /** Every processed object (of posts and stories) and tombstone of the account. @return how many objects were removed */
    public int accountErased(long ownerId) throws IOException {
        return removeAll(ObjectKeys.processedOf(ownerId)) + removeAll(ObjectKeys.storiesOf(ownerId))
                + removeAll(ObjectKeys.tombstonesOf(ownerId));
    }

    boolean isDeleted(MediaRef item) throws IOException {
        return media.head(BlobKey.of(ObjectKeys.tombstone(item.ownerId(), item.postId()))).isPresent();
    }

    void removeItem(MediaRef item) throws IOException {
        removeAll(ObjectKeys.processedPrefix(item));
    }

    private int removeAll(String prefix) throws IOException {
        List<BlobKey> keys;
        try (Stream<BlobInfo> objects = media.listAll(prefix)) {
            keys = objects.map(BlobInfo::key).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int removed = 0;
        for (BlobKey key : keys) {
            if (media.delete(key)) {
                removed++;
            }
        }
        return removed;
    }
}
