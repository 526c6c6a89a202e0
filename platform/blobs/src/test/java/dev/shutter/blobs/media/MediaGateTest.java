package dev.shutter.blobs.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.local.LocalBlobStore;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import dev.shutter.blobs.local.MutableClock;
import dev.shutter.contracts.media.MediaRef;
import dev.shutter.contracts.media.ObjectKeys;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.problem.Problem;
import dev.shutter.testsupport.TestRedis;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media gate over HTTP against a real local store: unsigned only while the owner is public,
 * grants checked, private HLS trees playable with one grant. (The public-accounts index is the
 * port's in-memory form here; local-stack's tests run it on Redis.)
 */
class MediaGateTest {

    private static final byte[] KEY = new byte[32];
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RedisStreamEventBus bus;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Set<Long> publicAccounts = ConcurrentHashMap.newKeySet();
    private volatile boolean indexDown;
    private LocalBlobStore media;
    private HttpServer server;
    private MediaUrlSigner signer;
    private final MediaRef photo = MediaRef.create(11, 21, 31);
    private final MediaRef video = MediaRef.create(11, 22, 32);

    @BeforeAll
    static void connect() {
        bus = RedisStreamEventBus.create(TestRedis.shared().uri());
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @BeforeEach
    void start() throws Exception {
        media = LocalBlobStore.open(LocalBlobStoreConfig.of(dir, "shutter-media", URI.create("http://127.0.0.1/blobs"), KEY)
                .withFinalizeTopic("media-gate-test"), bus);
        media.put(BlobKey.of(ObjectKeys.processed(photo, "hq.webp")), "pixels".getBytes(StandardCharsets.UTF_8), "image/webp");
        media.put(BlobKey.of(ObjectKeys.processed(video, "master.m3u8")),
                "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\n360p/index.m3u8\n".getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        media.put(BlobKey.of(ObjectKeys.processed(video, "360p/index.m3u8")),
                "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.0,\nseg0.ts\n#EXT-X-ENDLIST\n".getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        media.put(BlobKey.of(ObjectKeys.processed(video, "360p/seg0.ts")), new byte[] {0x47, 1, 2}, "video/mp2t");
        PublicAccounts index = userId -> {
            if (indexDown) {
                throw new PublicAccounts.Unavailable("down", null);
            }
            return publicAccounts.contains(userId);
        };
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/media");
        signer = new MediaUrlSigner(KEY, base, clock);
        server.createContext("/media/", new MediaGate(media, new MediaUrlSigner(KEY, base, clock), index, "/media/"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPublicAccountsMediaAreServedUnsignedAndCacheable() throws Exception {
        publicAccounts.add(11L);
        HttpResponse<String> get = get(signer.publicUrl(ObjectKeys.processed(photo, "hq.webp")));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("pixels");
        assertThat(get.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
    }

    @Test
    void aStorysMediaAreServedOnlyByAGrantThatEndsWithTheStoryEvenForAPublicOwner() throws Exception {
        publicAccounts.add(11L);
        MediaRef story = MediaRef.createStory(11, 23, 33);
        String key = ObjectKeys.processed(story, "story.webp");
        media.put(BlobKey.of(key), "story pixels".getBytes(StandardCharsets.UTF_8), "image/webp");

        assertProblem(get(signer.publicUrl(key)), 404, "not-found");
        String granted = signer.signedPrefixUrl(key, ObjectKeys.processedPrefix(story), Duration.ofSeconds(5));
        assertThat(get(granted).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(6));
        assertThat(get(granted).statusCode()).as("past the story's expiry").isEqualTo(403);
    }

    @Test
    void aPublicOwnersStoryClipPlaysOnlyWithinItsGrantAndLooksMissingUnsigned() throws Exception {
        publicAccounts.add(11L);
        MediaRef story = MediaRef.createStory(11, 24, 34);
        String master = ObjectKeys.processed(story, "master.m3u8");
        media.put(BlobKey.of(master), "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\n360p/index.m3u8\n".getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        media.put(BlobKey.of(ObjectKeys.processed(story, "360p/seg0.ts")), new byte[] {0x47, 1, 2}, "video/mp2t");

        for (String file : java.util.List.of("master.m3u8", "360p/seg0.ts", "poster.webp")) {
            HttpResponse<String> unsigned = get(signer.publicUrl(ObjectKeys.processed(story, file)));
            assertProblem(unsigned, 404, "not-found");
            assertThat(unsigned.body()).as("a story's object looks missing: %s", file)
                    .isEqualTo(get(signer.publicUrl(ObjectKeys.processed(story, "missing-" + file.replace('/', '-')))).body()
                            .replace("missing-" + file.replace('/', '-'), file));
        }
        indexDown = true;
        assertProblem(get(signer.publicUrl(master)), 404, "not-found");
        indexDown = false;

        String granted = signer.signedPrefixUrl(master, ObjectKeys.processedPrefix(story), Duration.ofMinutes(10));
        HttpResponse<String> playlist = get(granted);
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.headers().firstValue("Cache-Control").orElseThrow()).startsWith("private, max-age=");
        assertThat(Long.parseLong(playlist.headers().firstValue("Cache-Control").orElseThrow().replaceAll("\\D", "")))
                .isLessThanOrEqualTo(600);
        String segment = granted.replace("master.m3u8", "360p/seg0.ts");
        assertThat(get(segment).statusCode()).isEqualTo(200);
        assertProblem(get(granted.substring(0, granted.indexOf('?'))), 404, "not-found");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertProblem(get(granted), 403, "signature-expired");
        assertProblem(get(segment), 403, "signature-expired");
    }

    @Test
    void aPrivateAccountsMediaAreNotServedWithoutAGrantAndLookMissing() throws Exception {
        HttpResponse<String> unsigned = get(signer.publicUrl(ObjectKeys.processed(photo, "hq.webp")));
        HttpResponse<String> missing = get(signer.publicUrl(ObjectKeys.processed(photo, "nothing.webp")));
        assertProblem(unsigned, 404, "not-found");
        assertThat(missing.statusCode()).isEqualTo(404);

        // Once seen through a grant, dropping the query does not open it either.
        String granted = signer.signedUrl(ObjectKeys.processed(photo, "hq.webp"), Duration.ofHours(1));
        assertThat(get(granted).statusCode()).isEqualTo(200);
        assertThat(get(granted).headers().firstValue("Cache-Control").orElseThrow()).startsWith("private, max-age=");
        assertProblem(get(granted.substring(0, granted.indexOf('?'))), 404, "not-found");
    }

    @Test
    void aGrantExpiresAndCannotBeStretchedOrMoved() throws Exception {
        String key = ObjectKeys.processed(photo, "hq.webp");
        String granted = signer.signedUrl(key, Duration.ofHours(1));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertProblem(get(granted), 403, "signature-expired");
        clock.set(Instant.now());

        String fresh = signer.signedUrl(key, Duration.ofHours(1));
        String stretched = fresh.replaceFirst("X-Shutter-Expires=\\d+", "X-Shutter-Expires=" + (Instant.now().getEpochSecond() + 86_400));
        assertProblem(get(stretched), 403, "bad-signature");
        String otherObject = fresh.replace("hq.webp", "thumb.webp");
        assertProblem(get(otherObject), 403, "bad-signature");
        // A grant for one object is no grant for its folder.
        String asPrefix = fresh + "&X-Shutter-Prefix=" + ObjectKeys.processedPrefix(photo);
        assertProblem(get(asPrefix), 403, "bad-signature");
    }

    @Test
    void aPrivateVideoPlaysThroughItsWholeTreeWithOneGrant() throws Exception {
        String master = signer.signedPrefixUrl(ObjectKeys.processed(video, "master.m3u8"), ObjectKeys.processedPrefix(video),
                Duration.ofHours(1));
        HttpResponse<String> playlist = get(master);
        assertThat(playlist.statusCode()).isEqualTo(200);
        String rungLine = playlist.body().lines().filter(line -> line.startsWith("360p/")).findFirst().orElseThrow();
        assertThat(rungLine).startsWith("360p/index.m3u8?X-Shutter-Expires=");

        // As a player does: resolve relative to the playlist it came from.
        URI rung = URI.create(master).resolve(rungLine);
        HttpResponse<String> rungPlaylist = get(rung.toString());
        assertThat(rungPlaylist.statusCode()).isEqualTo(200);
        assertThat(rungPlaylist.body()).contains("URI=\"init.mp4?X-Shutter-Expires=");
        String segmentLine = rungPlaylist.body().lines().filter(line -> line.startsWith("seg0.ts")).findFirst().orElseThrow();
        HttpResponse<byte[]> segment = HTTP.send(HttpRequest.newBuilder(rung.resolve(segmentLine)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.body()).containsExactly(0x47, 1, 2);

        // The grant covers this item's folder only.
        String otherItem = rung.resolve(segmentLine).toString().replace(ObjectKeys.processedPrefix(video),
                ObjectKeys.processedPrefix(photo));
        assertProblem(get(otherItem), 403, "bad-signature");
        // Unsigned, the rung playlist of a private account is as missing as anything else.
        assertProblem(get(signer.publicUrl(ObjectKeys.processed(video, "360p/index.m3u8"))), 404, "not-found");
    }

    @Test
    void withTheIndexDownUnsignedRequestsWaitButGrantsStillWork() throws Exception {
        publicAccounts.add(11L);
        indexDown = true;
        HttpResponse<String> unsigned = get(signer.publicUrl(ObjectKeys.processed(photo, "hq.webp")));
        assertProblem(unsigned, 503, "service-unavailable");
        assertThat(unsigned.headers().firstValue("Retry-After")).contains("5");
        assertThat(get(signer.signedUrl(ObjectKeys.processed(photo, "hq.webp"), Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
    }

    @Test
    void objectsOfNoMediaItemAreNeverServedUnsigned() throws Exception {
        publicAccounts.add(11L);
        media.put(BlobKey.of(ObjectKeys.tombstone(11, 21)), new byte[0], "application/x-shutter-deleted");
        media.put(BlobKey.of("media/21/31/hq.webp"), new byte[] {1}, "image/webp");
        assertThat(get(signer.publicUrl(ObjectKeys.tombstone(11, 21))).statusCode()).isEqualTo(404);
        assertThat(get(signer.publicUrl("media/21/31/hq.webp")).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
        assertThat(response.body()).contains("\"type\":\"" + Problem.TYPE_BASE + kind + "\"");
    }
}
