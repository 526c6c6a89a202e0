package dev.shutter.post.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The refresh token that follows a spent one: its secret is an HMAC of the spent token's secret
 * under a key only post-service has, so a retried refresh can be answered with the very same
 * successor without storing its secret (only hashes are stored).
 */
final class RefreshSuccessors {

    private final SecretKeySpec key;

    RefreshSuccessors(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    RefreshToken of(RefreshToken spent, long successorId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] secret = mac.doFinal(("successor\n" + spent.secret()).getBytes(StandardCharsets.UTF_8));
            return new RefreshToken(spent.userId(), successorId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
