package dev.shutter.blobs.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.SignedUrl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V4 URLs signed offline with a freshly generated service-account key, checked the way GCS checks
 * them: the canonical request is rebuilt from the URL and the headers the client will send, and
 * the signature verified with the public key.
 */
class GcsUrlSignerTest {

    private static final String ACCOUNT = "blob-signer@shutter-test.iam.gserviceaccount.com";
    private static KeyPair keys;
    private static GcsUrlSigner signer;

    @BeforeAll
    static void createSigner() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        ServiceAccountCredentials credentials = ServiceAccountCredentials.newBuilder()
                .setClientEmail(ACCOUNT)
                .setPrivateKey(keys.getPrivate())
                .setPrivateKeyId("test-key-1")
                .setProjectId("shutter-test")
                .build();
        Storage storage = LocalStorageHelper.getOptions().getService();
        signer = new GcsUrlSigner(storage, "shutter-media", credentials);
    }

    @Test
    void putUrlSignsContentTypeAndSizeRangeAndNamesThemAsHeadersToSend() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        SignedUrl url = signer.signPut(BlobKey.of("uploads/u1/m1/original.jpg"), "image/jpeg", 10_000_000,
                Duration.ofMinutes(15));

        assertThat(url.method()).isEqualTo("PUT");
        assertThat(url.url().getHost()).isEqualTo("storage.googleapis.com");
        assertThat(url.url().getRawPath()).isEqualTo("/shutter-media/uploads/u1/m1/original.jpg");
        assertThat(url.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Content-Type", "image/jpeg",
                "x-goog-content-length-range", "0,10000000",
                // Signed, so the URL works once: GCS refuses the PUT when the key holds an object.
                "x-goog-if-generation-match", "0"));

        Map<String, String> query = query(url.url());
        assertThat(query).containsEntry("X-Goog-Algorithm", "GOOG4-RSA-SHA256")
                .containsEntry("X-Goog-Expires", "900");
        assertThat(query.get("X-Goog-Credential")).startsWith(ACCOUNT.replace("@", "%40") + "%2F")
                .endsWith("%2Fauto%2Fstorage%2Fgoog4_request");
        assertThat(List.of(query.get("X-Goog-SignedHeaders").split("%3B")))
                .containsExactly("content-type", "host", "x-goog-content-length-range", "x-goog-if-generation-match");

        Instant signedAt = signedAt(query);
        assertThat(signedAt).isBetween(before, Instant.now());
        assertThat(url.expiresAt()).isEqualTo(signedAt.plus(Duration.ofMinutes(15)));
        assertSignatureVerifies(url);
    }

    @Test
    void getUrlSignsOnlyTheHost() throws Exception {
        SignedUrl url = signer.signGet(BlobKey.of("media/m1/thumb_320.webp"), Duration.ofHours(1));

        assertThat(url.method()).isEqualTo("GET");
        assertThat(url.headers()).isEmpty();
        Map<String, String> query = query(url.url());
        assertThat(query).containsEntry("X-Goog-SignedHeaders", "host").containsEntry("X-Goog-Expires", "3600");
        assertThat(url.expiresAt()).isEqualTo(signedAt(query).plus(Duration.ofHours(1)));
        assertSignatureVerifies(url);
    }

    @Test
    void keysWithAnyCharacterAreSignedAsTheyAreSent() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("users/zoë/été 2024 (1) + #?&=%.jpg"), "image/svg+xml", 1000,
                Duration.ofMinutes(5));

        assertThat(URI.create(url.url().toString()).getPath()).isEqualTo("/shutter-media/users/zoë/été 2024 (1) + #?&=%.jpg");
        assertSignatureVerifies(url);
    }

    @Test
    void tamperedUrlNoLongerVerifies() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("a.jpg"), "image/jpeg", 1000, Duration.ofMinutes(5));

        SignedUrl biggerBody = new SignedUrl(url.method(), url.url(),
                Map.of("Content-Type", "image/jpeg", "x-goog-content-length-range", "0,1000000000"), url.expiresAt());
        SignedUrl otherType = new SignedUrl(url.method(), url.url(),
                Map.of("Content-Type", "text/html", "x-goog-content-length-range", "0,1000"), url.expiresAt());
        SignedUrl otherKey = new SignedUrl(url.method(), URI.create(url.url().toString().replace("/a.jpg", "/b.jpg")),
                url.headers(), url.expiresAt());
        SignedUrl longerLife = new SignedUrl(url.method(),
                URI.create(url.url().toString().replace("X-Goog-Expires=300", "X-Goog-Expires=604800")),
                url.headers(), url.expiresAt());

        for (SignedUrl tampered : List.of(biggerBody, otherType, otherKey, longerLife)) {
            assertThat(signatureVerifies(tampered)).as(tampered.toString()).isFalse();
        }
    }

    @Test
    void termsAreValidated() {
        BlobKey key = BlobKey.of("a.jpg");
        assertThatThrownBy(() -> signer.signPut(key, "image/jpeg", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.signPut(key, "image/jpeg", 1, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.signPut(key, "not a type", 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(signer.signGet(key, Duration.ofDays(7)).url().toString()).contains("X-Goog-Expires=604800");
    }

    private static void assertSignatureVerifies(SignedUrl url) throws Exception {
        assertThat(signatureVerifies(url)).as("signature of " + url.url()).isTrue();
    }

    /**
     * Rebuilds the V4 string-to-sign from the URL and the headers a client sends, per
     * https://cloud.google.com/storage/docs/authentication/canonical-requests, and checks the
     * URL's signature against it with the service account's public key.
     */
    private static boolean signatureVerifies(SignedUrl url) throws Exception {
        Map<String, String> query = query(url.url());
        String signature = query.remove("X-Goog-Signature");
        String canonicalQuery = new TreeMap<>(query).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", url.url().getHost());
        url.headers().forEach((name, value) -> headers.put(name.toLowerCase(), value.strip()));
        String canonicalHeaders = headers.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue() + "\n")
                .collect(Collectors.joining());
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest = String.join("\n", url.method(), url.url().getRawPath(), canonicalQuery,
                canonicalHeaders, signedHeaders, "UNSIGNED-PAYLOAD");
        String credential = java.net.URLDecoder.decode(query.get("X-Goog-Credential"), StandardCharsets.UTF_8);
        String scope = credential.substring(credential.indexOf('/') + 1);
        String stringToSign = String.join("\n", "GOOG4-RSA-SHA256", query.get("X-Goog-Date"), scope,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update(stringToSign.getBytes(StandardCharsets.UTF_8));
        return rsa.verify(HexFormat.of().parseHex(signature));
    }

    /** Query parameters as they appear in the URL, still encoded. */
    private static Map<String, String> query(URI url) {
        Map<String, String> params = new LinkedHashMap<>();
        Arrays.stream(url.getRawQuery().split("&")).forEach(pair -> {
            int equals = pair.indexOf('=');
            params.put(pair.substring(0, equals), pair.substring(equals + 1));
        });
        return params;
    }

    private static Instant signedAt(Map<String, String> query) {
        return LocalDateTime.parse(query.get("X-Goog-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
    }
}
