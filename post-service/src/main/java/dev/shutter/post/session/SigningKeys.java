package dev.shutter.post.session;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The RS256 key pair tokens are signed with. Loaded at start from the key dir; on a first local
 * start with none there, generated and kept so tokens survive restarts.
 *
 * <p>Rotation: move {@code jwt-public.pem} to {@code jwt-previous-public.pem}, put the new pair in
 * place, restart. Tokens carry the {@code kid} of their key; the JWK Set (served, and written to
 * {@code jwks.json} for post-service's own verification) holds both keys until the previous one
 * is removed, an access-token lifetime later.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    static final String PRIVATE_FILE = "jwt-private.pem";
    static final String PUBLIC_FILE = "jwt-public.pem";
    /**
     * During a key rotation, the public half of the key signed with until now: still published
     * and accepted, so tokens signed just before the rotation live out their 15 minutes.
     */
    static final String PREVIOUS_PUBLIC_FILE = "jwt-previous-public.pem";
    /** The JWK Set post-service verifies with itself (current and previous key), written at start. */
    static final String JWKS_FILE = "jwks.json";

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final RSAPublicKey previousKey;

    SigningKeys(JwtConfig config) {
        try {
            Path dir = config.keyDir();
            if (!Files.exists(dir.resolve(PRIVATE_FILE))) {
                if (!config.generateIfMissing()) {
                    throw new IllegalStateException("No JWT signing key in " + dir + " (" + PRIVATE_FILE + ", " + PUBLIC_FILE
                            + ") and shutter.jwt.generate-if-missing is false");
                }
                generate(dir);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(dir.resolve(PRIVATE_FILE))));
            publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(dir.resolve(PUBLIC_FILE))));
            keyId = thumbprint(publicKey);
            Path previous = dir.resolve(PREVIOUS_PUBLIC_FILE);
            previousKey = Files.exists(previous)
                    ? (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(previous)))
                    : null;
            Files.writeString(dir.resolve(JWKS_FILE), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(jwks()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the JWT signing key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JWT signing key is not a valid RSA key pair", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** A secret of this key pair for other uses than signing (its private key hashed with a purpose). */
    public byte[] derivedSecret(String purpose) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return digest.digest(privateKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The public keys as a JWK Set, for {@code /.well-known/jwks.json}: the current one, and the previous during a rotation. */
    public Map<String, Object> jwks() {
        List<Map<String, String>> keys = new java.util.ArrayList<>();
        keys.add(jwk(publicKey, keyId));
        if (previousKey != null) {
            try {
                keys.add(jwk(previousKey, thumbprint(previousKey)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return Map.of("keys", List.copyOf(keys));
    }

    private static Map<String, String> jwk(RSAPublicKey key, String kid) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
                "n", b64.encodeToString(unsigned(key.getModulus())),
                "e", b64.encodeToString(unsigned(key.getPublicExponent())));
    }

    private static void generate(Path dir) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.debug("no POSIX permissions on this filesystem");
        }
        Files.writeString(dir.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        LOG.infof("Generated a JWT signing key in %s", dir);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file) throws IOException {
        String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
