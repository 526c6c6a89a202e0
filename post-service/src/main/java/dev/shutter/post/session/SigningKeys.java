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
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    static final String PRIVATE_FILE = "jwt-private.pem";
    static final String PUBLIC_FILE = "jwt-public.pem";

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

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

    /** The public key as a JWK Set, for {@code /.well-known/jwks.json}. */
    public Map<String, Object> jwks() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return Map.of("keys", List.of(Map.of(
                "kty", "RSA", "use", "sig", "alg", "RS256", "kid", keyId,
                "n", b64.encodeToString(unsigned(publicKey.getModulus())),
                "e", b64.encodeToString(unsigned(publicKey.getPublicExponent())))));
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
