package dev.shutter.contracts.media;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One media item of one post or story, as its object keys name it: the owner (so a store can tell
 * whose media an object is, and erase an account's media by prefix), the post (or story), the
 * item, a random token that makes the keys impossible to guess from the IDs, and which of the two
 * it belongs to (their keys live under different roots, see {@link ObjectKeys}).
 *
 * @param postId the post's ID, or the story's for a {@link MediaKind#STORY} item
 * @param token 22 characters of base64url (128 random bits)
 */
public record MediaRef(long ownerId, long postId, long mediaId, String token, MediaKind kind) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public MediaRef {
        if (ownerId <= 0 || postId <= 0 || mediaId <= 0) {
            throw new IllegalArgumentException("IDs must be positive");
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("not a media token: " + token);
        }
        if (kind == null) {
            throw new IllegalArgumentException("a media item is a post's or a story's");
        }
    }

    /** A post's media item. */
    public MediaRef(long ownerId, long postId, long mediaId, String token) {
        this(ownerId, postId, mediaId, token, MediaKind.POST);
    }

    /** A new media item of a post, with a fresh random token. */
    public static MediaRef create(long ownerId, long postId, long mediaId) {
        return new MediaRef(ownerId, postId, mediaId, newToken());
    }

    /** A new story's one media item, with a fresh random token. */
    public static MediaRef createStory(long ownerId, long storyId, long mediaId) {
        return new MediaRef(ownerId, storyId, mediaId, newToken(), MediaKind.STORY);
    }

    public boolean isStory() {
        return kind == MediaKind.STORY;
    }

    static boolean isToken(String value) {
        return TOKEN.matcher(value).matches();
    }

    private static String newToken() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
