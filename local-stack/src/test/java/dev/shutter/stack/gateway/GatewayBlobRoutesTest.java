package dev.shutter.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.blobs.BlobEvents;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.SignedUrl;
import dev.shutter.blobs.local.LocalBlobStore;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.LocalUrlSigner;
import dev.shutter.blobs.local.SigningKeyFile;
import dev.shutter.blobs.media.MediaUrlSigner;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.contracts.redis.SharedRedisKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.events.Event;
import dev.shutter.events.EventRouter;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.stack.StackEnvironment;
import dev.shutter.stack.StackPorts;
import dev.shutter.stack.data.DataDirectory;
import dev.shutter.stack.services.ServiceCatalog;
import dev.shutter.testsupport.FreePort;
import dev.shutter.testsupport.TestRedis;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's gateway over real local buckets and a real Redis: URLs signed as post-service signs
 * them (its configuration from {@link ServiceCatalog}, the key from the bucket's key file) are
 * honoured, and checked for signature and expiry as GCS would; media go through the media gate,
 * with post-service's public-accounts index in the same Redis.
 */
class GatewayBlobRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private DataDirectory data;
    private RedisStreamEventBus bus;
    private Gateway gateway;
    private StackEnvironment env;
    private LocalBlobStoreConfig raw;
    private LocalBlobStoreConfig media;

    @BeforeEach
    void start() throws Exception {
        data = DataDirectory.open(dir.resolve("stack"), false);
        int port = FreePort.find();
        StackPorts ports = new StackPorts(port, 1, 2, 3, 4, 5, TestRedis.shared().port(), 6, 7);
        env = new StackEnvironment(ports, data, "", "", TestRedis.shared().uri(), URI.create("http://localhost:" + port), 100);
        bus = RedisStreamEventBus.create(TestRedis.shared().uri());
        gateway = StackGateway.start(env, List.of(), bus, List.of("*"));
        // What post-service is told, and the key file it (or the gateway, whoever is first) made.
        Map<String, String> post = ServiceCatalog.services(env).getFirst().config();
        raw = LocalBlobStoreConfig.of(Path.of(post.get("shutter.raw.local.root")), post.get("shutter.raw.bucket"),
                URI.create(post.get("shutter.raw.local.public-base-url")),
                SigningKeyFile.loadOrCreate(Path.of(post.get("shutter.raw.local.root"))));
        media = LocalBlobStoreConfig.of(Path.of(post.get("shutter.media.local.root")), post.get("shutter.media.bucket"),
                URI.create(post.get("shutter.media.local.public-base-url")),
                SigningKeyFile.loadOrCreate(Path.of(post.get("shutter.media.local.root"))));
    }

    @AfterEach
    void stop() {
        gateway.close();
        bus.close();
        data.close();
    }

    private static HttpResponse<byte[]> put(URI url, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Clock anHourAgo() {
        return Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
    }

    @Test
    void aSignedUploadIsStoredAndAnnouncedOnMediaUploaded() throws Exception {
        String name = "uploads/" + UUID.randomUUID() + "/original";
        List<Event<ObjectFinalized>> received = new CopyOnWriteArrayList<>();
        EventRouter router = EventRouter.builder()
                .on(EventTypes.MEDIA_UPLOADED, event -> {
                    if (event.payload().getName().equals(name)) {
                        received.add(event);
                    }
                    return Uni.createFrom().voidItem();
                })
                .build();
        SignedUrl upload = new LocalUrlSigner(raw).signPut(BlobKey.of(name), "image/jpeg", 1000, Duration.ofMinutes(15));

        HttpResponse<byte[]> stored;
        try (Subscription ignored = bus.subscribe(SubscriptionSpec.of(BlobEvents.DEFAULT_FINALIZE_TOPIC, "gateway-test"), router)) {
            stored = put(upload.url(), "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
        }

        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(received.getFirst().payload().getBucket()).isEqualTo(ServiceCatalog.RAW_BUCKET);
        assertThat(received.getFirst().payload().getSizeBytes()).isEqualTo(6);
        assertThat(data.rawBucket().resolve("objects").resolve(name)).exists();
    }

    @Test
    void anExpiredUploadUrlIsRefused() throws Exception {
        SignedUrl expired = new LocalUrlSigner(raw, anHourAgo())
                .signPut(BlobKey.of("uploads/late/original"), "image/jpeg", 1000, Duration.ofMinutes(15));

        HttpResponse<byte[]> response = put(expired.url(), "image/jpeg", new byte[] {1});

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body())).contains("signature-expired");
    }

    @Test
    void aTamperedUploadUrlIsRefused() throws Exception {
        SignedUrl upload = new LocalUrlSigner(raw).signPut(BlobKey.of("uploads/mine/original"), "image/jpeg", 1000,
                Duration.ofMinutes(15));
        URI elsewhere = URI.create(upload.url().toString().replace("uploads/mine/", "uploads/theirs/"));
        URI larger = URI.create(upload.url().toString().replace("X-Shutter-Max-Bytes=1000", "X-Shutter-Max-Bytes=99999999"));

        assertThat(put(elsewhere, "image/jpeg", new byte[] {1}).statusCode()).isEqualTo(403);
        assertThat(put(larger, "image/jpeg", new byte[] {1}).statusCode()).isEqualTo(403);
        assertThat(put(upload.url(), "image/png", new byte[] {1}).statusCode()).isEqualTo(415);
    }

    @Test
    void aUrlSignedWithAnotherKeyIsRefused() throws Exception {
        LocalBlobStoreConfig forged = LocalBlobStoreConfig.of(raw.root(), raw.bucket(), raw.publicBaseUrl(), new byte[32]);
        SignedUrl upload = new LocalUrlSigner(forged).signPut(BlobKey.of("uploads/x/original"), "image/jpeg", 1000,
                Duration.ofMinutes(15));

        assertThat(put(upload.url(), "image/jpeg", new byte[] {1}).statusCode()).isEqualTo(403);
    }

    @Test
    void mediaAreServedUnsignedOnlyWhileTheirOwnerIsPublic() throws Exception {
        LocalBlobStore mediaStore = LocalBlobStore.open(media.withFinalizeTopic(BlobEvents.UNWATCHED_FINALIZE_TOPIC), bus);
        long publicOwner = System.nanoTime();
        long privateOwner = publicOwner + 1;
        BlobKey open = BlobKey.of(ObjectKeys.processed(MediaRef.create(publicOwner, 2, 3), "hq.webp"));
        BlobKey closed = BlobKey.of(ObjectKeys.processed(MediaRef.create(privateOwner, 4, 5), "hq.webp"));
        mediaStore.put(open, new byte[] {'R', 'I', 'F', 'F'}, "image/webp");
        mediaStore.put(closed, new byte[] {'R', 'I', 'F', 'F'}, "image/webp");
        // As post-service's index writes them: the public owner at version 0; the private one
        // was public once (version 0) and turned private (version 1).
        redis("SET", SharedRedisKeys.publicAccount(publicOwner), "0:1");
        redis("SET", SharedRedisKeys.publicAccount(privateOwner), "1:0");
        // As post-service signs them: its base URL, the media bucket's key file.
        Map<String, String> post = ServiceCatalog.services(env).getFirst().config();
        MediaUrlSigner signer = new MediaUrlSigner(SigningKeyFile.loadOrCreate(Path.of(post.get("shutter.media.local.root"))),
                URI.create(post.get("shutter.media.base-url")));

        HttpResponse<byte[]> cdn = get(URI.create(signer.publicUrl(open.value())));
        assertThat(cdn.statusCode()).isEqualTo(200);
        assertThat(cdn.headers().firstValue("Content-Type")).contains("image/webp");
        assertThat(cdn.headers().firstValue("Cache-Control").orElseThrow()).contains("public");
        assertThat(cdn.body()).containsExactly('R', 'I', 'F', 'F');

        // The leak this replaces: a private account's photo, its query dropped, was served to anyone.
        URI granted = URI.create(signer.signedPrefixUrl(closed.value(), closed.value().substring(0, closed.value().lastIndexOf('/') + 1),
                Duration.ofHours(1)));
        assertThat(get(granted).statusCode()).isEqualTo(200);
        assertThat(get(URI.create(granted.toString().replaceAll("\\?.*", ""))).statusCode()).isEqualTo(404);
        MediaUrlSigner anHourAgo = new MediaUrlSigner(SigningKeyFile.loadOrCreate(Path.of(post.get("shutter.media.local.root"))),
                URI.create(post.get("shutter.media.base-url")), anHourAgo());
        assertThat(get(URI.create(anHourAgo.signedUrl(closed.value(), Duration.ofMinutes(30)))).statusCode()).isEqualTo(403);

        // Turning private closes the unsigned route at once; an index that lost the key is private too.
        redis("SET", SharedRedisKeys.publicAccount(publicOwner), "1:0");
        assertThat(get(URI.create(signer.publicUrl(open.value()))).statusCode()).isEqualTo(404);
        redis("DEL", SharedRedisKeys.publicAccount(publicOwner));
        assertThat(get(URI.create(signer.publicUrl(open.value()))).statusCode()).isEqualTo(404);

        // Redis down: unsigned requests wait (503), never pass; granted ones still play.
        redis("SET", SharedRedisKeys.publicAccount(publicOwner), "2:1");
        TestRedis.shared().stop();
        try {
            HttpResponse<byte[]> down = get(URI.create(signer.publicUrl(open.value())));
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(get(granted).statusCode()).isEqualTo(200);
        } finally {
            TestRedis.shared().start();
        }
    }

    private void redis(String... command) {
        Request request = Request.cmd(Command.create(command[0]));
        for (int i = 1; i < command.length; i++) {
            request.arg(command[i]);
        }
        io.vertx.mutiny.core.Vertx vertx = io.vertx.mutiny.core.Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, TestRedis.shared().uri());
            client.send(request).await().atMost(Duration.ofSeconds(10));
            client.close();
        } finally {
            vertx.closeAndAwait();
        }
    }

    @Test
    void aBrowserMayUploadFromAnotherOrigin() throws Exception {
        SignedUrl upload = new LocalUrlSigner(raw).signPut(BlobKey.of("uploads/cors/original"), "image/jpeg", 1000,
                Duration.ofMinutes(15));

        HttpResponse<byte[]> preflight = HTTP.send(HttpRequest.newBuilder(upload.url())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
    }
}
