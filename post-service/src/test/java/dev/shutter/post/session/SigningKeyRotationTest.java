package dev.shutter.post.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key rotation: tokens of the previous key verify against the published set until the previous key is removed. */
class SigningKeyRotationTest {

    @TempDir
    Path dir;

    @Test
    void thePreviousKeyStaysPublishedDuringARotation() throws Exception {
        SigningKeys old = new SigningKeys(config(dir));
        String signedBefore = sign(old);

        // Rotate: the old public key becomes the previous one, a new pair is generated.
        Files.move(dir.resolve(SigningKeys.PUBLIC_FILE), dir.resolve(SigningKeys.PREVIOUS_PUBLIC_FILE));
        Files.delete(dir.resolve(SigningKeys.PRIVATE_FILE));
        SigningKeys rotated = new SigningKeys(config(dir));
        assertThat(rotated.keyId()).isNotEqualTo(old.keyId());

        JsonWebKeySet published = new JsonWebKeySet(new ObjectMapper().writeValueAsString(rotated.jwks()));
        assertThat(published.getJsonWebKeys()).extracting(key -> key.getKeyId()).containsExactly(rotated.keyId(), old.keyId());
        assertThat(verifies(signedBefore, published)).isTrue();
        assertThat(verifies(sign(rotated), published)).isTrue();
        // The file post-service verifies with holds the same set.
        assertThat(new JsonWebKeySet(Files.readString(dir.resolve(SigningKeys.JWKS_FILE))).getJsonWebKeys()).hasSize(2);

        // The rotation ends: the previous key is removed, its tokens no longer verify.
        Files.delete(dir.resolve(SigningKeys.PREVIOUS_PUBLIC_FILE));
        JsonWebKeySet after = new JsonWebKeySet(new ObjectMapper().writeValueAsString(new SigningKeys(config(dir)).jwks()));
        assertThat(verifies(signedBefore, after)).isFalse();
    }

    private static String sign(SigningKeys keys) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{\"sub\":\"1\"}");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keys.keyId());
        jws.setKey(keys.privateKey());
        return jws.getCompactSerialization();
    }

    private static boolean verifies(String token, JsonWebKeySet keys) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        var key = new VerificationJwkSelector().select(jws, keys.getJsonWebKeys());
        if (key == null) {
            return false;
        }
        jws.setKey(key.getKey());
        return jws.verifySignature();
    }

    private static JwtConfig config(Path keyDir) {
        return new JwtConfig() {
            public String issuer() { return "https://shutter.dev"; }
            public Path keyDir() { return keyDir; }
            public boolean generateIfMissing() { return true; }
            public Duration accessTtl() { return Duration.ofMinutes(15); }
            public Duration refreshTtl() { return Duration.ofDays(7); }
            public String audience() { return "shutter-api"; }
            public Duration familyLifetime() { return Duration.ofDays(30); }
            public Duration refreshRetryGrace() { return Duration.ofSeconds(10); }
        };
    }
}
