package dev.shutter.contracts.media;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One media item of one post, as its object keys name it: the owner (so a store can tell whose
 * media an object is, and erase an account's media by prefix), the post, the item, and a random
 * token that makes the keys impossible to guess from the IDs.
 *
 * @param token 22 characters of base64url (128 random bits)
 */
public record MediaRef(long ownerId, long postId, long mediaId, String token) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public MediaRef {
        if (ownerId <= 0 || postId <= 0 || mediaId <= 0) {
            throw new IllegalArgumentException("IDs must be positive");
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("not a media token: " + token);
        }
    }

    /** A new media item's reference, with a fresh random token. */
    public static MediaRef create(long ownerId, long postId, long mediaId) {
        return new MediaRef(ownerId, postId, mediaId, newToken());
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
