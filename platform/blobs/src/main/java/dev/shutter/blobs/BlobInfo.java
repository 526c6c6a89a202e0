package dev.shutter.blobs;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about one object.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param contentType the media type it was written with
 * @param generation changes on every write of the key (GCS: the object generation; local: a
 *     microsecond timestamp), so a rewrite can be told from the object it replaced
 * @param updated when this generation was written
 */
public record BlobInfo(BlobKey key, long size, String contentType, String generation, Instant updated) {

    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(updated, "updated");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
