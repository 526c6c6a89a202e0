package dev.shutter.media.job;

import java.util.Optional;

/**
 * Which post and media item an uploaded object is: post-service signs uploads for
 * {@code uploads/{postId}/{mediaId}} and nothing else, so any other object is not ours to process.
 */
public record UploadKey(long postId, long mediaId) {

    public static Optional<UploadKey> parse(String objectName) {
        String[] parts = objectName.split("/");
        if (parts.length != 3 || !parts[0].equals("uploads")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UploadKey(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Where this item's outputs go: deterministic, so processing again overwrites the same objects. */
    public String outputKey(String fileName) {
        return "media/" + postId + "/" + mediaId + "/" + fileName;
    }
}
