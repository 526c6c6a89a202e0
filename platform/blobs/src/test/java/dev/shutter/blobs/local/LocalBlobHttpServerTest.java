package dev.shutter.blobs.local;

import dev.shutter.problem.Problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.SignedUrl;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.testsupport.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed URLs exercised for real: java.net.http against the JDK server on a free port. */
class LocalBlobHttpServerTest {

    private static RedisStreamEventBus bus;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path base;
    private final MutableClock clock = new MutableClock(Instant.now());
    private LocalBlobStore store;
    private LocalBlobHttpServer server;
    private LocalUrlSigner signer;

    @BeforeAll
    static void connect() {
        bus = RedisStreamEventBus.create(TestRedis.shared().uri());
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        LocalBlobStoreConfig config = config(URI.create("http://127.0.0.1:1/blobs"));
        store = LocalBlobStore.open(config, bus);
        server = LocalBlobHttpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store,
                new LocalUrlVerifier(config, clock));
        // The URLs must name the port the server actually got.
        signer = new LocalUrlSigner(config(URI.create("http://127.0.0.1:" + server.address().getPort() + "/blobs")),
                clock);
    }

    private LocalBlobStoreConfig config(URI publicBaseUrl) {
        return LocalBlobStoreConfig.of(base.resolve("store"), "shutter-test", publicBaseUrl, LocalBlobStoreTest.SIGNING_KEY)
                .withFinalizeTopic("blobs-http-test." + UUID.randomUUID());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void signedPutStoresTheBodyAndSignedGetReturnsIt() throws Exception {
        byte[] photo = new byte[200_000];
        new Random(7).nextBytes(photo);
        BlobKey key = BlobKey.of("uploads/u1/m1/original image.jpg");

        HttpResponse<String> put = send(signer.signPut(key, "image/jpeg", photo.length, Duration.ofMinutes(15)),
                BodyPublishers.ofByteArray(photo));

        assertThat(put.statusCode()).isEqualTo(200);
        BlobInfo stored = store.head(key).orElseThrow();
        assertThat(stored.size()).isEqualTo(photo.length);
        assertThat(stored.contentType()).isEqualTo("image/jpeg");
        assertThat(put.headers().firstValue(LocalBlobHttpServer.GENERATION_HEADER)).contains(stored.generation());

        HttpResponse<byte[]> get = HTTP.send(request(signer.signGet(key, Duration.ofMinutes(5))).GET().build(),
                BodyHandlers.ofByteArray());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(photo);
        assertThat(get.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(photo.length);
    }

    @Test
    void streamedBodyWithoutLengthIsAcceptedUpToTheLimit() throws Exception {
        BlobKey key = BlobKey.of("streamed.bin");
        byte[] body = new byte[50_000];

        HttpResponse<String> put = send(signer.signPut(key, "application/octet-stream", body.length, Duration.ofMinutes(1)),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(store.head(key).orElseThrow().size()).isEqualTo(body.length);
    }

    @Test
    void expiredUrlIsForbidden() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("late.jpg"), "image/jpeg", 100, Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(16));

        HttpResponse<String> put = send(url, BodyPublishers.ofString("pixels"));

        assertProblem(put, 403, Problem.TYPE_BASE + "signature-expired");
        assertThat(store.head(BlobKey.of("late.jpg"))).isEmpty();
    }

    @Test
    void tamperedUrlIsForbidden() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("photo.jpg"), "image/jpeg", 100, Duration.ofMinutes(15));
        SignedUrl tampered = new SignedUrl("PUT", URI.create(url.url().toString().replace("Max-Bytes=100",
                "Max-Bytes=100000000")), url.headers(), url.expiresAt());
        SignedUrl otherKey = new SignedUrl("PUT", URI.create(url.url().toString().replace("photo.jpg", "admin.jpg")),
                url.headers(), url.expiresAt());

        assertProblem(send(tampered, BodyPublishers.ofString("pixels")), 403, Problem.TYPE_BASE + "bad-signature");
        assertProblem(send(otherKey, BodyPublishers.ofString("pixels")), 403, Problem.TYPE_BASE + "bad-signature");
        assertThat(store.list("", 10, null).blobs()).isEmpty();
    }

    @Test
    void declaredBodyLargerThanAllowedIsRefused() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("big.jpg"), "image/jpeg", 1000, Duration.ofMinutes(15));

        HttpResponse<String> put = send(url, BodyPublishers.ofByteArray(new byte[1001]));

        assertProblem(put, 413, Problem.TYPE_BASE + "too-large");
        assertThat(store.head(BlobKey.of("big.jpg"))).isEmpty();
    }

    @Test
    void undeclaredBodyIsCutOffAtTheLimit() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("big.jpg"), "image/jpeg", 1000, Duration.ofMinutes(15));

        // No Content-Length: chunked, so only counting while streaming can catch it.
        HttpResponse<String> put = send(url, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5000])));

        assertProblem(put, 413, Problem.TYPE_BASE + "too-large");
        assertThat(store.head(BlobKey.of("big.jpg"))).isEmpty();
        try (Stream<Path> temps = Files.list(base.resolve("store/tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void anotherContentTypeIsUnsupported() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("photo.jpg"), "image/jpeg", 1000, Duration.ofMinutes(15));

        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(url.url())
                .header("Content-Type", "text/html")
                .PUT(BodyPublishers.ofString("<script>"))
                .build(), BodyHandlers.ofString());

        assertProblem(put, 415, Problem.TYPE_BASE + "content-type-mismatch");
        assertThat(put.body()).contains("Content-Type must be image/jpeg, was text/html");
    }

    @Test
    void getOfAbsentObjectIsNotFound() throws Exception {
        HttpResponse<String> get = HTTP.send(request(signer.signGet(BlobKey.of("missing.jpg"), Duration.ofMinutes(1)))
                .GET().build(), BodyHandlers.ofString());

        assertProblem(get, 404, Problem.TYPE_BASE + "not-found");
    }

    @Test
    void traversalInThePathIsABadRequestAndWritesNothing() throws Exception {
        SignedUrl url = signer.signPut(BlobKey.of("photo.jpg"), "image/jpeg", 1000, Duration.ofMinutes(15));
        String origin = "http://127.0.0.1:" + server.address().getPort();

        for (String path : new String[] {"/blobs/shutter-test/a/%2E%2E/%2E%2E/%2E%2E/escaped",
                "/blobs/shutter-test/..%2F..%2Fescaped", "/blobs/shutter-test/a%5C..%5Cescaped", "/blobs/shutter-test/%00"}) {
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(origin + path + "?" + url.url().getRawQuery()))
                    .header("Content-Type", "image/jpeg")
                    .PUT(BodyPublishers.ofString("evil"))
                    .build(), BodyHandlers.ofString());
            assertProblem(put, 400, Problem.TYPE_BASE + "bad-key");
        }
        try (Stream<Path> files = Files.walk(base)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void anUploadUrlWorksOnce() throws Exception {
        BlobKey key = BlobKey.of("uploads/1/2/3-once");
        SignedUrl url = signer.signPut(key, "image/jpeg", 100, Duration.ofMinutes(15));
        assertThat(send(url, BodyPublishers.ofString("first")).statusCode()).isEqualTo(200);
        String generation = store.head(key).orElseThrow().generation();

        HttpResponse<String> again = send(url, BodyPublishers.ofString("second"));

        assertProblem(again, 412, Problem.TYPE_BASE + "already-uploaded");
        assertThat(store.head(key).orElseThrow().generation()).isEqualTo(generation);
        // A deleted post's key holds a tombstone: the URL still works by its signature, but the key is taken.
        BlobKey deleted = BlobKey.of("uploads/1/2/4-deleted");
        store.put(deleted, new byte[0], "application/x-shutter-deleted");
        assertProblem(send(signer.signPut(deleted, "image/jpeg", 100, Duration.ofMinutes(15)), BodyPublishers.ofString("late")),
                412, Problem.TYPE_BASE + "already-uploaded");
    }

    @Test
    void concurrentUploadsOfOneKeyStoreOne() throws Exception {
        BlobKey key = BlobKey.of("uploads/1/2/5-race");
        SignedUrl url = signer.signPut(key, "image/jpeg", 100, Duration.ofMinutes(15));
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> puts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            puts.add(HTTP.sendAsync(request(url).PUT(BodyPublishers.ofString("body " + i)).build(), BodyHandlers.ofString()));
        }
        java.util.List<Integer> statuses = puts.stream().map(java.util.concurrent.CompletableFuture::join)
                .map(HttpResponse::statusCode).toList();
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        SignedUrl url = signer.signGet(BlobKey.of("photo.jpg"), Duration.ofMinutes(1));

        HttpResponse<String> delete = HTTP.send(request(url).DELETE().build(), BodyHandlers.ofString());

        assertProblem(delete, 405, Problem.TYPE_BASE + "method-not-allowed");
        assertThat(delete.headers().firstValue("Allow")).contains("GET, PUT");
    }

    private HttpResponse<String> send(SignedUrl url, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(request(url).PUT(body).build(), BodyHandlers.ofString());
    }

    /** A request as a client builds it from a SignedUrl: its URL, plus exactly its headers. */
    private static HttpRequest.Builder request(SignedUrl url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.url()).timeout(Duration.ofSeconds(30));
        url.headers().forEach(request::header);
        return request;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body())
                .startsWith("{\"type\":\"" + type + "\",\"title\":\"")
                .contains("\"status\":" + status + ",\"detail\":\"")
                .doesNotContain("Exception", "\tat ", "dev.shutter");
    }
}
