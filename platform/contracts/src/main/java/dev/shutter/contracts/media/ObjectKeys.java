package dev.shutter.contracts.media;

import java.util.Optional;

/**
 * The object key layouts of both buckets, built and parsed here only: post-service signs uploads
 * for the raw key and turns processed keys into URLs, media-worker reads the raw key back and
 * writes the processed ones, the media gate tells whose media an object is.
 *
 * <ul>
 *   <li>raw bucket: {@code uploads/{ownerId}/{postId}/{mediaId}-{token}}, one original per item;
 *   <li>media bucket: {@code media/{ownerId}/{postId}/{mediaId}-{token}/{file}}, deterministic
 *       for an item, so processing an upload again overwrites the same objects;
 *   <li>media bucket, tombstones: {@code deleted/{ownerId}/{postId}}, written when a post is
 *       deleted, so that processing that was under way then cleans up after itself;
 *   <li>a story's one item: {@code story-uploads/{ownerId}/{storyId}/{mediaId}-{token}} in the raw
 *       bucket and {@code stories/{ownerId}/{storyId}/{mediaId}-{token}/{file}} in the media
 *       bucket: their own roots, so the worker knows what to make, the media gate serves them only
 *       by a signed URL (never after the story's expiry), and a lifecycle rule can age them out.
 * </ul>
 *
 * The owner leads, so an account's objects are one prefix (erasure, CDN invalidation); the token
 * ({@link MediaRef#token()}) makes keys unguessable from post and media IDs.
 */
public final class ObjectKeys {

    /**
     * Content type of a tombstone object: what a deleted post's raw keys hold (so their upload
     * URLs, which work only on an empty key, are refused) and what marks a deleted post in the
     * media bucket.
     */
    public static final String TOMBSTONE_CONTENT_TYPE = "application/x-shutter-deleted";

    private static final String UPLOADS = "uploads/";
    private static final String MEDIA = "media/";
    private static final String DELETED = "deleted/";
    private static final String STORY_UPLOADS = "story-uploads/";
    private static final String STORIES = "stories/";

    private ObjectKeys() {}

    /** Where the client uploads the original of a media item. */
    public static String upload(MediaRef media) {
        return uploadRoot(media.kind()) + media.ownerId() + "/" + media.postId() + "/" + item(media);
    }

    /** The media item an uploaded object is for; empty for any other object (not ours to process). */
    public static Optional<MediaRef> parseUpload(String key) {
        if (key == null) {
            return Optional.empty();
        }
        MediaKind kind = key.startsWith(UPLOADS) ? MediaKind.POST : key.startsWith(STORY_UPLOADS) ? MediaKind.STORY : null;
        if (kind == null) {
            return Optional.empty();
        }
        String[] parts = key.substring(uploadRoot(kind).length()).split("/", -1);
        return parts.length == 3 ? ref(parts[0], parts[1], parts[2], kind) : Optional.empty();
    }

    /** Every raw upload of an account (of its posts, or of its stories) starts with one of these. */
    public static java.util.List<String> uploadsOf(long ownerId) {
        return java.util.List.of(UPLOADS + ownerId + "/", STORY_UPLOADS + ownerId + "/");
    }

    /** Every processed object of a media item starts with this. */
    public static String processedPrefix(MediaRef media) {
        return processedRoot(media.kind()) + media.ownerId() + "/" + media.postId() + "/" + item(media) + "/";
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
        if (key == null) {
            return Optional.empty();
        }
        MediaKind kind = key.startsWith(MEDIA) ? MediaKind.POST : key.startsWith(STORIES) ? MediaKind.STORY : null;
        if (kind == null) {
            return Optional.empty();
        }
        String[] parts = key.substring(processedRoot(kind).length()).split("/", 4);
        return parts.length == 4 && !parts[3].isEmpty() ? ref(parts[0], parts[1], parts[2], kind) : Optional.empty();
    }

    /** Every story's raw upload starts with this (the story media sweeper's, or the lifecycle rule's, prefix). */
    public static String allStoryUploads() {
        return STORY_UPLOADS;
    }

    /** Every story's processed object starts with this. */
    public static String allStories() {
        return STORIES;
    }

    /** Every processed object of a story starts with this. */
    public static String processedOfStory(long ownerId, long storyId) {
        return STORIES + ownerId + "/" + storyId + "/";
    }

    /** Every processed object of an account's stories starts with this. */
    public static String storiesOf(long ownerId) {
        return STORIES + ownerId + "/";
    }

    /** Every processed object of a post starts with this. */
    public static String processedOfPost(long ownerId, long postId) {
        return MEDIA + ownerId + "/" + postId + "/";
    }

    /** Every processed object of an account starts with this. */
    public static String processedOf(long ownerId) {
        return MEDIA + ownerId + "/";
    }

    /** The tombstone of a deleted post, in the media bucket. */
    public static String tombstone(long ownerId, long postId) {
        return DELETED + ownerId + "/" + postId;
    }

    /** Every tombstone of an account starts with this. */
    public static String tombstonesOf(long ownerId) {
        return DELETED + ownerId + "/";
    }

    private static String uploadRoot(MediaKind kind) {
        return kind == MediaKind.STORY ? STORY_UPLOADS : UPLOADS;
    }

    private static String processedRoot(MediaKind kind) {
        return kind == MediaKind.STORY ? STORIES : MEDIA;
    }

    private static String item(MediaRef media) {
        return media.mediaId() + "-" + media.token();
    }

    private static Optional<MediaRef> ref(String ownerId, String postId, String item, MediaKind kind) {
        int dash = item.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String token = item.substring(dash + 1);
        try {
            long owner = Long.parseLong(ownerId);
            long post = Long.parseLong(postId);
            long media = Long.parseLong(item.substring(0, dash));
            return owner > 0 && post > 0 && media > 0 && MediaRef.isToken(token)
                    ? Optional.of(new MediaRef(owner, post, media, token, kind))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
