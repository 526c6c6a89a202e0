package dev.shutter.post.session;

/** `POST /v1/sessions` answer. */
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String tokenType) {

    public static TokenPair of(String accessToken, String refreshToken, long expiresIn) {
        return new TokenPair(accessToken, refreshToken, expiresIn, "Bearer");
    }
}
