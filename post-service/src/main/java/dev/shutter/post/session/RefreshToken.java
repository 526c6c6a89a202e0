package dev.shutter.post.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A refresh token as the client holds it: {@code rt.<userId>.<tokenId>.<secret>}. The IDs locate
 * the row (keyed by user first); only the secret's SHA-256 is stored.
 */
public record RefreshToken(long userId, long tokenId, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static RefreshToken mint(long userId, long tokenId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new RefreshToken(userId, tokenId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static Optional<RefreshToken> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 4 || !parts[0].equals("rt") || parts[3].length() < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RefreshToken(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public byte[] secretHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "rt." + userId + "." + tokenId + "." + secret;
    }
}
