package dev.shutter.blobs;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param blobs the objects on this page, in key order
 * @param nextPageToken pass it to the next {@link BlobStore#list} call; empty on the last page
 */
public record BlobPage(List<BlobInfo> blobs, Optional<String> nextPageToken) {

    public BlobPage {
        blobs = List.copyOf(blobs);
    }

    public static BlobPage last(List<BlobInfo> blobs) {
        return new BlobPage(blobs, Optional.empty());
    }
}
