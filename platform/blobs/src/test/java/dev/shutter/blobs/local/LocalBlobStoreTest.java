package dev.shutter.blobs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStoreContractTest;
import dev.shutter.blobs.InvalidBlobKeyException;
import dev.shutter.blobs.NoSuchBlobException;
import dev.shutter.contracts.events.v1.ObjectFinalized;
import dev.shutter.events.Event;
import dev.shutter.events.EventRouter;
import dev.shutter.events.Subscription;
import dev.shutter.events.SubscriptionSpec;
import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.testsupport.FreePort;
import dev.shutter.testsupport.TestRedis;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, plus what only the filesystem adapter has to get right. */
class LocalBlobStoreTest extends BlobStoreContractTest {

    static final byte[] SIGNING_KEY = "0123456789abcdef0123456789abcdef".getBytes();

    private static RedisStreamEventBus bus;

    @TempDir
    Path base;
    private Path root;
    private LocalBlobStoreConfig config;
    private LocalBlobStore store;

    @BeforeAll
    static void connect() {
        bus = RedisStreamEventBus.create(TestRedis.shared().uri());
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @BeforeEach
    void openStore() throws IOException {
        root = base.resolve("store");
        config = LocalBlobStoreConfig.of(root, "shutter-test", URI.create("http://localhost:8080/blobs"), SIGNING_KEY)
                .withFinalizeTopic("blobs-test." + UUID.randomUUID());
        store = LocalBlobStore.open(config, bus);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Test
    void traversalAttemptsAreRejectedAndWriteNothingOutsideTheRoot() throws IOException {
        for (String attempt : List.of("../x", "a/../../x", "/etc/passwd", "a\\b", "..\\x", "a\u0000b", "a//b", "/",
                "../../" + base.getFileName() + "/escaped", "a/./b", "..")) {
            assertThatThrownBy(() -> store.put(BlobKey.of(attempt), bytes("evil"), "text/plain"))
                    .as(attempt).isInstanceOf(InvalidBlobKeyException.class);
            assertThatThrownBy(() -> store.list(attempt + "/", 10, null))
                    .as(attempt).isInstanceOf(InvalidBlobKeyException.class);
        }

        assertThat(filesOutside(root)).isEmpty();
        assertThat(objectFiles()).isEmpty();
    }

    @Test
    void symbolicLinkToAFolderOutsideIsNeverFollowed() throws IOException {
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "top secret");
        Files.createSymbolicLink(store.objectsDirectory().resolve("link"), outside);

        assertThat(store.head(BlobKey.of("link/secret"))).isEmpty();
        assertThatThrownBy(() -> store.get(BlobKey.of("link/secret"))).isInstanceOf(NoSuchBlobException.class);
        assertThat(store.delete(BlobKey.of("link/secret"))).isFalse();
        assertThatThrownBy(() -> store.put(BlobKey.of("link/planted"), bytes("x"), "text/plain"))
                .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> store.put(BlobKey.of("link/deeper/planted"), bytes("x"), "text/plain"))
                .isInstanceOf(IOException.class);
        assertThat(store.list("", 100, null).blobs()).isEmpty();
        assertThat(store.list("link/", 100, null).blobs()).isEmpty();

        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret"));
        }
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("top secret");
    }

    @Test
    void symbolicLinkInPlaceOfAnObjectIsNeverFollowed() throws IOException {
        Path secret = Files.writeString(base.resolve("secret"), "top secret");
        Files.createSymbolicLink(store.objectsDirectory().resolve("object-link"), secret);

        assertThat(store.head(BlobKey.of("object-link"))).isEmpty();
        assertThatThrownBy(() -> store.get(BlobKey.of("object-link"))).isInstanceOf(NoSuchBlobException.class);
        assertThat(store.list("", 100, null).blobs()).isEmpty();

        // Writing the key replaces the link itself; the file it pointed at is untouched.
        store.put(BlobKey.of("object-link"), bytes("new"), "text/plain");
        assertThat(read(BlobKey.of("object-link"))).isEqualTo(bytes("new"));
        assertThat(Files.readString(secret)).isEqualTo("top secret");
    }

    @Test
    void failedPutLeavesNoPartialObjectAndNoTemporaryFile() throws IOException {
        BlobKey key = BlobKey.of("uploads/u1/big.mp4");

        assertThatThrownBy(() -> store.put(key, failingAfter(1_000_000, new IOException("dropped")), "video/mp4"))
                .hasMessage("dropped");

        assertThat(store.head(key)).isEmpty();
        assertThat(store.list("", 100, null).blobs()).isEmpty();
        assertThat(objectFiles()).isEmpty();
        try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void objectFileStartsWithTheContentSoItCanBeInspected() throws IOException {
        byte[] content = binary(5000);
        store.put(BlobKey.of("media/m1/original.jpg"), content, "image/jpeg");

        byte[] onDisk = Files.readAllBytes(store.objectsDirectory().resolve("media/m1/original.jpg"));

        assertThat(Arrays.copyOf(onDisk, content.length)).isEqualTo(content);
    }

    @Test
    void anObjectAndAFolderOfTheSameNameConflict() throws IOException {
        store.put(BlobKey.of("a"), bytes("file"), "text/plain");
        store.put(BlobKey.of("b/c"), bytes("nested"), "text/plain");

        assertThatThrownBy(() -> store.put(BlobKey.of("a/x"), bytes("x"), "text/plain"))
                .isInstanceOf(PrefixConflictException.class).hasMessageContaining("object a exists");
        assertThatThrownBy(() -> store.put(BlobKey.of("b"), bytes("x"), "text/plain"))
                .isInstanceOf(PrefixConflictException.class).hasMessageContaining("objects exist under b/");
        assertThat(read(BlobKey.of("a"))).isEqualTo(bytes("file"));
        assertThat(read(BlobKey.of("b/c"))).isEqualTo(bytes("nested"));
        try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void deletingTheLastObjectOfAFolderFreesItsName() throws IOException {
        store.put(BlobKey.of("x/y/z"), bytes("deep"), "text/plain");

        store.delete(BlobKey.of("x/y/z"));

        assertThat(store.objectsDirectory().resolve("x")).doesNotExist();
        store.put(BlobKey.of("x"), bytes("now a file"), "text/plain");
        assertThat(read(BlobKey.of("x"))).isEqualTo(bytes("now a file"));
    }

    @Test
    void listingSkipsFilesThatAreNotObjects() throws IOException {
        store.put(BlobKey.of("real"), bytes("object"), "text/plain");
        Files.writeString(store.objectsDirectory().resolve("stray.txt"), "dropped in by hand");
        Files.writeString(store.objectsDirectory().resolve("back\\slash"), "not a valid key");

        assertThat(store.list("", 100, null).blobs()).extracting(BlobInfo::key).containsExactly(BlobKey.of("real"));
        assertThatThrownBy(() -> store.head(BlobKey.of("stray.txt")))
                .isInstanceOf(IOException.class).hasMessageContaining("not a blob object file");
    }

    @Test
    void listOrdersByCodePointLikeGcs() throws IOException {
        for (String name : List.of("u/😀", "u/\uFFFD", "u/é", "u/z")) {
            store.put(BlobKey.of(name), bytes(name), "text/plain");
        }

        assertThat(store.listAll("u/").map(info -> info.key().value()))
                .containsExactly("u/z", "u/é", "u/\uFFFD", "u/😀");
    }

    @Test
    void generationsGrowEvenWhenTheClockStandsStill() throws IOException {
        Clock stopped = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        LocalBlobStore stoppedStore = LocalBlobStore.open(config, bus, stopped);

        List<Long> generations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            generations.add(Long.parseLong(stoppedStore.put(BlobKey.of("same"), bytes("v" + i), "text/plain").generation()));
        }

        assertThat(generations).isSorted().doesNotHaveDuplicates();
        assertThat(generations.getFirst()).isEqualTo(1_735_689_600_000_000L); // microseconds of the clock
        assertThat(stoppedStore.head(BlobKey.of("same")).orElseThrow().updated()).isEqualTo(stopped.instant());
    }

    @Test
    void concurrentPutsOfOneKeyLeaveOneWholeConsistentObject() throws Exception {
        BlobKey key = BlobKey.of("contended");
        List<Future<BlobInfo>> puts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                byte[] content = ("writer-" + i + "-").repeat(1000 + i).getBytes();
                String contentType = "text/x-writer-" + i;
                puts.add(threads.submit(() -> store.put(key, content, contentType)));
            }
        }
        Set<String> generations = new HashSet<>();
        for (Future<BlobInfo> put : puts) {
            generations.add(put.get().generation());
        }

        BlobInfo head = store.head(key).orElseThrow();
        String writer = head.contentType().substring("text/x-writer-".length());
        assertThat(new String(read(key))).isEqualTo(("writer-" + writer + "-").repeat(1000 + Integer.parseInt(writer)));
        assertThat(generations).hasSize(16).contains(head.generation());
        try (Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void putPublishesAFinalizeEventThatSubscribersReceive() throws IOException {
        List<Event<ObjectFinalized>> received = new CopyOnWriteArrayList<>();
        List<Boolean> readableWhenAnnounced = new CopyOnWriteArrayList<>();
        EventRouter router = EventRouter.builder()
                .on(EventTypes.MEDIA_UPLOADED, event -> {
                    // Published after the rename: whoever hears of the object can read it.
                    try {
                        readableWhenAnnounced.add(store.head(BlobKey.of(event.payload().getName())).isPresent());
                    } catch (IOException e) {
                        readableWhenAnnounced.add(false);
                    }
                    received.add(event);
                    return Uni.createFrom().voidItem();
                })
                .build();

        BlobInfo put;
        try (Subscription ignored = bus.subscribe(SubscriptionSpec.of(config.finalizeTopic(), "media-worker"), router)) {
            put = store.put(BlobKey.of("uploads/u1/m1/original.jpg"), binary(4096), "image/jpeg");
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
        }

        assertThat(received).hasSize(1);
        assertThat(readableWhenAnnounced).containsExactly(true);
        Event<ObjectFinalized> event = received.getFirst();
        assertThat(event.type()).isEqualTo("media.uploaded");
        assertThat(event.key()).isEqualTo("uploads/u1/m1/original.jpg");
        assertThat(event.occurredAt()).isEqualTo(put.updated());
        ObjectFinalized payload = event.payload();
        assertThat(payload.getBucket()).isEqualTo("shutter-test");
        assertThat(payload.getName()).isEqualTo("uploads/u1/m1/original.jpg");
        assertThat(payload.getSizeBytes()).isEqualTo(4096);
        assertThat(payload.getContentType()).isEqualTo("image/jpeg");
        assertThat(payload.getGeneration()).isEqualTo(put.generation());
        assertThat(Instant.ofEpochSecond(payload.getFinalizedAt().getSeconds(), payload.getFinalizedAt().getNanos()))
                .isEqualTo(put.updated());
    }

    @Test
    void putFailsWhenTheEventCannotBePublishedButTheObjectStays() throws IOException {
        // A real bus pointed at a port where no Redis listens.
        try (RedisStreamEventBus deadBus = RedisStreamEventBus.create("redis://127.0.0.1:" + FreePort.find())) {
            LocalBlobStore unannounced = LocalBlobStore.open(config.withPublishTimeout(Duration.ofSeconds(3)), deadBus);
            BlobKey key = BlobKey.of("unannounced.jpg");

            assertThatThrownBy(() -> unannounced.put(key, bytes("pixels"), "image/jpeg"))
                    .isInstanceOf(FinalizeNotPublishedException.class)
                    .hasMessageContaining("was written but its finalize event was not published")
                    .hasMessageContaining("retry the put");

            assertThat(unannounced.head(key)).isPresent();
            assertThat(read(key)).isEqualTo(bytes("pixels"));
        }
    }

    @Test
    void staleTemporaryFilesAreRemovedOnOpen() throws IOException {
        Path stale = Files.writeString(root.resolve("tmp/put-crashed.partial"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Path fresh = Files.writeString(root.resolve("tmp/put-running.partial"), "in progress");

        LocalBlobStore.open(config, bus);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    private List<Path> objectFiles() throws IOException {
        try (Stream<Path> files = Files.walk(store.objectsDirectory())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> filesOutside(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(path -> !path.startsWith(dir) && !path.equals(base)).toList();
        }
    }
}
