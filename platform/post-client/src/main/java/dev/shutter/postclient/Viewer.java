package dev.shutter.postclient;

/**
 * The end user a call is made for: post-service takes the viewer from the verified access token
 * passed along, never from an ID in the request, so the ID here only says whom the token names.
 */
public record Viewer(long id, String accessToken) {

    private static final Viewer ANONYMOUS = new Viewer(0, null);

    /** No signed-in user: post-service shows public posts only. */
    public static Viewer anonymous() {
        return ANONYMOUS;
    }
}
