package dev.shutter.blobs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.SignedUrl;
import dev.shutter.blobs.local.UrlVerification.Granted;
import dev.shutter.blobs.local.UrlVerification.Reason;
import dev.shutter.blobs.local.UrlVerification.Rejected;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalUrlSignerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.750Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final LocalBlobStoreConfig config = LocalBlobStoreConfig.of(Path.of("/unused"), "shutter-test",
            URI.create("http://localhost:8080/blobs/"), LocalBlobStoreTest.SIGNING_KEY);
    private final LocalUrlSigner signer = new LocalUrlSigner(config, clock);
    private final LocalUrlVerifier verifier = new LocalUrlVerifier(config, clock);
    private final BlobKey key = BlobKey.of("uploads/u1/m1/original.jpg");

    @Test
    void putUrlCarriesTheGrantAndTheHeadersToSend() {
        SignedUrl url = signer.signPut(key, "image/jpeg", 10_000_000, Duration.ofMinutes(15));

        assertThat(url.method()).isEqualTo("PUT");
        assertThat(url.url().toString())
                .startsWith("http://localhost:8080/blobs/shutter-test/uploads/u1/m1/original.jpg?")
                .contains("X-Shutter-Expires=" + NOW.plus(Duration.ofMinutes(15)).getEpochSecond())
                .contains("X-Shutter-Max-Bytes=10000000")
                .contains("X-Shutter-Signature=");
        assertThat(url.headers()).containsExactly(Map.entry("Content-Type", "image/jpeg"));
        assertThat(url.expiresAt()).isEqualTo(Instant.parse("2025-06-01T12:15:00Z")); // whole seconds, rounded down
    }

    @Test
    void genuinePutUrlIsGranted() {
        SignedUrl url = signer.signPut(key, "image/jpeg", 1000, Duration.ofMinutes(15));

        UrlVerification result = verify("PUT", url.url(), "image/jpeg", 1000);

        assertThat(result).isEqualTo(new Granted("PUT", key, "image/jpeg", 1000, url.expiresAt()));
    }

    @Test
    void genuineGetUrlIsGranted() {
        SignedUrl url = signer.signGet(key, Duration.ofHours(1));

        assertThat(url.method()).isEqualTo("GET");
        assertThat(url.headers()).isEmpty();
        assertThat(verify("GET", url.url(), null, -1)).isEqualTo(new Granted("GET", key, "", 0, url.expiresAt()));
    }

    @Test
    void urlExpiresOnTheClock() {
        SignedUrl url = signer.signPut(key, "image/jpeg", 1000, Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(verify("PUT", url.url(), "image/jpeg", 10)).isInstanceOf(Granted.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(verify("PUT", url.url(), "image/jpeg", 10)).isInstanceOf(Rejected.class)
                .extracting("reason").isEqualTo(Reason.EXPIRED);
    }

    @Test
    void tamperingWithAnyTermBreaksTheSignature() {
        String put = signer.signPut(key, "image/jpeg", 1000, Duration.ofMinutes(15)).url().toString();
        long expires = NOW.plus(Duration.ofMinutes(15)).getEpochSecond();

        assertRejected("PUT", put.replace("m1/original.jpg", "m2/original.jpg"), "image/jpeg", Reason.BAD_SIGNATURE);
        assertRejected("PUT", put.replace("Expires=" + expires, "Expires=" + (expires + 3600)), "image/jpeg",
                Reason.BAD_SIGNATURE);
        assertRejected("PUT", put.replace("Max-Bytes=1000", "Max-Bytes=1000000"), "image/jpeg", Reason.BAD_SIGNATURE);
        assertRejected("PUT", put.replace("image%2Fjpeg", "text%2Fhtml"), "text/html", Reason.BAD_SIGNATURE);
        assertRejected("PUT", put.replace("/shutter-test/", "/other-bucket/"), "image/jpeg", Reason.BAD_KEY);
        assertRejected("PUT", flipLastCharacter(put), "image/jpeg", Reason.BAD_SIGNATURE);
        assertRejected("PUT", put.replaceAll("&X-Shutter-Signature=.*", ""), "image/jpeg", Reason.BAD_SIGNATURE);
        assertRejected("PUT", put.replaceAll("Signature=.*", "Signature=not*base64"), "image/jpeg", Reason.BAD_SIGNATURE);

        // A GET URL cannot be turned into an upload by adding upload terms.
        String get = signer.signGet(key, Duration.ofMinutes(15)).url().toString();
        assertRejected("PUT", get.replace("Method=GET", "Method=PUT") + "&X-Shutter-Content-Type=image%2Fjpeg"
                + "&X-Shutter-Max-Bytes=1000", "image/jpeg", Reason.BAD_SIGNATURE);
    }

    @Test
    void urlSignedWithAnotherKeyIsRejected() {
        LocalBlobStoreConfig otherKey = LocalBlobStoreConfig.of(Path.of("/unused"), "shutter-test",
                URI.create("http://localhost:8080/blobs/"), "another key of thirty-two bytes!".getBytes());
        SignedUrl forged = new LocalUrlSigner(otherKey, clock).signPut(key, "image/jpeg", 1000, Duration.ofMinutes(5));

        assertRejected("PUT", forged.url().toString(), "image/jpeg", Reason.BAD_SIGNATURE);
    }

    @Test
    void urlUsedWithAnotherMethodIsRejected() {
        SignedUrl get = signer.signGet(key, Duration.ofMinutes(15));
        SignedUrl put = signer.signPut(key, "image/jpeg", 1000, Duration.ofMinutes(15));

        assertRejected("PUT", get.url().toString(), "image/jpeg", Reason.WRONG_METHOD);
        assertRejected("GET", put.url().toString(), null, Reason.WRONG_METHOD);
    }

    @Test
    void putWithAnotherContentTypeIsRejected() {
        SignedUrl put = signer.signPut(key, "image/jpeg", 1000, Duration.ofMinutes(15));

        assertRejected("PUT", put.url().toString(), "image/png", Reason.CONTENT_TYPE_MISMATCH);
        assertRejected("PUT", put.url().toString(), null, Reason.CONTENT_TYPE_MISMATCH);
        assertThat(verify("PUT", put.url(), " image/jpeg ", 10)).isInstanceOf(Granted.class);
    }

    @Test
    void putDeclaringALargerBodyIsRejected() {
        SignedUrl put = signer.signPut(key, "image/jpeg", 1000, Duration.ofMinutes(15));

        assertThat(verify("PUT", put.url(), "image/jpeg", 1000)).isInstanceOf(Granted.class);
        assertThat(verify("PUT", put.url(), "image/jpeg", 1001)).isInstanceOf(Rejected.class)
                .extracting("reason").isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void keysWithAnyCharacterSurviveTheUrl() {
        BlobKey unusual = BlobKey.of("users/zoë/été 2024 (1) + #?&=%.jpg");
        SignedUrl put = signer.signPut(unusual, "image/svg+xml", 1000, Duration.ofMinutes(15));

        assertThat(put.url().getRawPath()).isEqualTo(
                "/blobs/shutter-test/users/zo%C3%AB/%C3%A9t%C3%A9%202024%20%281%29%20%2B%20%23%3F%26%3D%25.jpg");
        assertThat(verify("PUT", put.url(), "image/svg+xml", 10))
                .isEqualTo(new Granted("PUT", unusual, "image/svg+xml", 1000, put.expiresAt()));
    }

    @Test
    void pathsThatAreNotValidKeysAreRejected() {
        SignedUrl put = signer.signPut(key, "image/jpeg", 1000, Duration.ofMinutes(15));
        String query = "?" + put.url().getRawQuery();

        for (String path : new String[] {"/blobs/shutter-test/../etc/passwd", "/blobs/shutter-test/a/%2E%2E/%2E%2E/x",
                "/blobs/shutter-test/a%2Fb", "/blobs/shutter-test/a%5Cb", "/blobs/shutter-test/a%00b",
                "/blobs/shutter-test//etc/passwd", "/blobs/shutter-test/",
                "/elsewhere/shutter-test/a"}) {
            assertRejected("PUT", "http://localhost:8080" + path + query, "image/jpeg", Reason.BAD_KEY);
        }
    }

    @Test
    void repeatedQueryParametersAreRefused() {
        assertThatThrownBy(() -> LocalUrlVerifier.parseQuery("X-Shutter-Expires=1&X-Shutter-Expires=2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LocalUrlVerifier.parseQuery("a=b%2Bc+d&e")).containsEntry("a", "b+c+d").containsEntry("e", "");
    }

    @Test
    void termsAreValidated() {
        assertThatThrownBy(() -> signer.signPut(key, "image/jpeg", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.signPut(key, "image/jpeg", 1, Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.signGet(key, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.signPut(key, "image/jpeg\r\nX: y", 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configRefusesShortKeysAndBadBucketNames() {
        URI base = URI.create("http://localhost:8080");
        assertThatThrownBy(() -> LocalBlobStoreConfig.of(Path.of("/x"), "b12", base, new byte[31]))
                .hasMessageContaining("signingKey must be at least 32 bytes");
        for (String bucket : new String[] {"Upper", "ab", "-dash", "with/slash", "a".repeat(64)}) {
            assertThatThrownBy(() -> LocalBlobStoreConfig.of(Path.of("/x"), bucket, base, new byte[32]))
                    .as(bucket).hasMessageContaining("invalid bucket name");
        }
        assertThat(LocalBlobStoreConfig.of(Path.of("/x"), "b12", base, new byte[32]).toString())
                .contains("signingKey=(32 bytes)");
    }

    /** Changes the signature's last character, which alters its bytes. */
    static String flipLastCharacter(String url) {
        char last = url.charAt(url.length() - 1);
        return url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private UrlVerification verify(String method, URI url, String contentType, long contentLength) {
        return verifier.verify(method, url.getRawPath(), LocalUrlVerifier.parseQuery(url.getRawQuery()), contentType,
                contentLength);
    }

    private void assertRejected(String method, String url, String contentType, Reason reason) {
        assertThat(verify(method, URI.create(url), contentType, 10)).as(url)
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }
}
