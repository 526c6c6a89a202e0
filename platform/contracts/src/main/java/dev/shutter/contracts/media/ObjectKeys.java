package dev.shutter.contracts.media;

import java.util.Optional;

/**
 * The object key layouts of both buckets, built and parsed here only: post-service signs uploads
 * for the raw key and turns processed keys into URLs, media-worker reads the raw key back and
 * writes the processed ones.
 *
 * <ul>
 *   <li>raw bucket: {@code uploads/{postId}/{mediaId}}, one original per media item;
 *   <li>media bucket: {@code media/{postId}/{mediaId}/{file}}, deterministic, so processing an
 *       upload again overwrites the same objects.
 * </ul>
 */
public final class ObjectKeys {

    private static final String UPLOADS = "uploads/";
    private static final String MEDIA = "media/";

    private ObjectKeys() {}

    /** Where the client uploads the original of a media item. */
    public static String upload(MediaRef media) {
        return UPLOADS + media.postId() + "/" + media.mediaId();
    }

    /** The media item an uploaded object is for; empty for any other object (not ours to process). */
    public static Optional<MediaRef> parseUpload(String key) {
        if (key == null || !key.startsWith(UPLOADS)) {
            return Optional.empty();
        }
        String[] parts = key.substring(UPLOADS.length()).split("/", -1);
        return parts.length == 2 ? ids(parts[0], parts[1]) : Optional.empty();
    }

    /** Every processed object of a media item starts with this. */
    public static String processedPrefix(MediaRef media) {
        return MEDIA + media.postId() + "/" + media.mediaId() + "/";
    }

    /** One processed object of a media item; {@code file} may name a sub-folder ({@code 720p/index.m3u8}). */
    public static String processed(MediaRef media, String file) {
        if (file == null || file.isEmpty() || file.startsWith("/")) {
            throw new IllegalArgumentException("not a file name: " + file);
        }
        return processedPrefix(media) + file;
    }

    /** The media item a processed object belongs to; empty for a key of any other layout. */
    public static Optional<MediaRef> parseProcessed(String key) {
        if (key == null || !key.startsWith(MEDIA)) {
            return Optional.empty();
        }
        String[] parts = key.substring(MEDIA.length()).split("/", 3);
        return parts.length == 3 && !parts[2].isEmpty() ? ids(parts[0], parts[1]) : Optional.empty();
    }

    private static Optional<MediaRef> ids(String postId, String mediaId) {
        try {
            long post = Long.parseLong(postId);
            long media = Long.parseLong(mediaId);
            return post > 0 && media > 0 ? Optional.of(new MediaRef(post, media)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
