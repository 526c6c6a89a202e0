package dev.shutter.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link BlobStore} adapter must have. An adapter's test extends this class
 * and says how to reach its store. Every test works under its own random prefix, so one store can
 * serve them all.
 */
public abstract class BlobStoreContractTest {

    protected String prefix;

    protected abstract BlobStore store();

    @BeforeEach
    void newPrefix() {
        prefix = "contract/" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    protected BlobKey key(String name) {
        return BlobKey.of(prefix + name);
    }

    @Test
    void putThenGetReturnsTheSameBinaryContent() throws IOException {
        byte[] content = binary(300_000);

        BlobInfo put = store().put(key("photo.jpg"), content, "image/jpeg");

        assertThat(put.key()).isEqualTo(key("photo.jpg"));
        assertThat(put.size()).isEqualTo(content.length);
        assertThat(put.contentType()).isEqualTo("image/jpeg");
        try (BlobStream got = store().get(key("photo.jpg"))) {
            assertThat(got.readAllBytes()).isEqualTo(content);
            assertThat(got.info()).isEqualTo(put);
        }
    }

    @Test
    void putFromStreamAndFileStoresTheirBytes(@TempDir Path dir) throws IOException {
        byte[] content = binary(70_000);
        Path file = Files.write(dir.resolve("clip.mp4"), content);

        store().put(key("from-stream"), new ByteArrayInputStream(content), "video/mp4");
        store().put(key("from-file"), file, "video/mp4");

        assertThat(read(key("from-stream"))).isEqualTo(content);
        assertThat(read(key("from-file"))).isEqualTo(content);
    }

    @Test
    void emptyObjectRoundTrips() throws IOException {
        store().put(key("empty"), new byte[0], "application/octet-stream");

        assertThat(read(key("empty"))).isEmpty();
        assertThat(store().head(key("empty"))).hasValueSatisfying(info -> assertThat(info.size()).isZero());
    }

    @Test
    void headDescribesWhatWasPut() throws IOException {
        BlobInfo put = store().put(key("a.webp"), binary(1234), "image/webp");

        Optional<BlobInfo> head = store().head(key("a.webp"));

        assertThat(head).contains(put);
        assertThat(put.generation()).isNotBlank();
    }

    @Test
    void headOfAbsentObjectIsEmpty() throws IOException {
        assertThat(store().head(key("never-written"))).isEmpty();
    }

    @Test
    void getOfAbsentObjectThrowsNoSuchBlob() {
        assertThatThrownBy(() -> store().get(key("never-written")))
                .isInstanceOf(NoSuchBlobException.class)
                .satisfies(e -> assertThat(((NoSuchBlobException) e).key()).isEqualTo(key("never-written")));
    }

    @Test
    void overwriteReplacesContentTypeAndGeneration() throws IOException {
        BlobInfo first = store().put(key("avatar"), bytes("first"), "image/png");

        BlobInfo second = store().put(key("avatar"), bytes("second!"), "image/jpeg");

        assertThat(read(key("avatar"))).isEqualTo(bytes("second!"));
        assertThat(store().head(key("avatar"))).contains(second);
        assertThat(second.size()).isEqualTo(7);
        assertThat(second.contentType()).isEqualTo("image/jpeg");
        if (generationsChangeOnOverwrite()) {
            assertThat(second.generation()).isNotEqualTo(first.generation());
        }
    }

    @Test
    void deleteRemovesTheObjectAndIsIdempotent() throws IOException {
        store().put(key("doomed"), bytes("x"), "text/plain");

        assertThat(store().delete(key("doomed"))).isTrue();
        assertThat(store().delete(key("doomed"))).isFalse();
        assertThat(store().head(key("doomed"))).isEmpty();
        assertThatThrownBy(() -> store().get(key("doomed"))).isInstanceOf(NoSuchBlobException.class);
    }

    @Test
    void deleteOfNeverWrittenObjectIsFalse() throws IOException {
        assertThat(store().delete(key("never-written"))).isFalse();
    }

    @Test
    void listReturnsKeysUnderThePrefixSortedAndNothingElse() throws IOException {
        for (String name : List.of("media/b/thumb.webp", "media/c", "media/a.jpg", "media/b/original", "mediaX",
                "other/a.jpg")) {
            store().put(key(name), bytes(name), "application/octet-stream");
        }

        BlobPage page = store().list(prefix + "media/", 100, null);

        assertListed(page.blobs(), key("media/a.jpg"), key("media/b/original"), key("media/b/thumb.webp"),
                key("media/c"));
        assertThat(page.nextPageToken()).isEmpty();
        assertThat(page.blobs()).contains(store().head(key("media/a.jpg")).orElseThrow());
    }

    @Test
    void listPrefixMayEndInsideASegment() throws IOException {
        for (String name : List.of("img/a1", "img/a2/x", "img/b1", "imgs/a1")) {
            store().put(key(name), bytes(name), "application/octet-stream");
        }

        assertListed(store().list(prefix + "img/a", 100, null).blobs(), key("img/a1"), key("img/a2/x"));
        assertListed(store().list(prefix + "img", 100, null).blobs(),
                key("img/a1"), key("img/a2/x"), key("img/b1"), key("imgs/a1"));
    }

    @Test
    void listOfEmptyPrefixIsEmpty() throws IOException {
        assertThat(store().list(prefix, 10, null).blobs()).isEmpty();
        assertThat(store().list(prefix + "nothing/here/", 10, null).blobs()).isEmpty();
    }

    @Test
    void listPagesThroughEverythingInOrder() throws IOException {
        assumeTrue(listsInOrderAndPages(), "this store neither sorts nor pages listings");
        List<BlobKey> written = new ArrayList<>();
        for (int i = 6; i >= 0; i--) {
            BlobKey key = key("paged/" + i);
            store().put(key, bytes("n" + i), "text/plain");
            written.add(key);
        }

        List<BlobKey> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            BlobPage page = store().list(prefix + "paged/", 3, token);
            assertThat(page.blobs()).hasSizeLessThanOrEqualTo(3);
            page.blobs().forEach(info -> listed.add(info.key()));
            token = page.nextPageToken().orElse(null);
            pages++;
        } while (token != null);

        assertThat(listed).isEqualTo(written.stream().sorted().toList());
        assertThat(pages).isBetween(3, 4);
        assertThat(store().listAll(prefix + "paged/").map(BlobInfo::key).toList()).isEqualTo(listed);
    }

    @Test
    void deletedObjectsLeaveTheListing() throws IOException {
        store().put(key("l/a"), bytes("a"), "text/plain");
        store().put(key("l/b/c"), bytes("c"), "text/plain");

        store().delete(key("l/b/c"));

        assertListed(store().listAll(prefix + "l/").toList(), key("l/a"));
    }

    @Test
    void failingSourceStreamWritesNothing() throws IOException {
        assumeTrue(failedPutsLeaveNoTrace(), "this store shows uploads before they complete");
        IOException failure = new IOException("client went away");

        assertThatThrownBy(() -> store().put(key("broken"), failingAfter(100_000, failure), "image/jpeg"))
                .isSameAs(failure);

        assertThat(store().head(key("broken"))).isEmpty();
        assertThat(store().list(prefix, 10, null).blobs()).isEmpty();
    }

    @Test
    void failingOverwriteKeepsThePreviousObject() throws IOException {
        assumeTrue(failedPutsLeaveNoTrace(), "this store shows uploads before they complete");
        BlobInfo original = store().put(key("keep"), bytes("original"), "text/plain");

        assertThatThrownBy(() -> store().put(key("keep"), failingAfter(10, new IOException("cut")), "text/plain"))
                .isInstanceOf(IOException.class);

        assertThat(store().head(key("keep"))).contains(original);
        assertThat(read(key("keep"))).isEqualTo(bytes("original"));
    }

    @Test
    void unicodeKeysRoundTrip() throws IOException {
        BlobKey key = key("users/zoë/été 2024 (1) + &=😀.jpg");

        store().put(key, bytes("sun"), "image/jpeg");

        assertThat(read(key)).isEqualTo(bytes("sun"));
        assertListed(store().list(prefix + "users/zoë/", 10, null).blobs(), key);
    }

    @Test
    void keysWithUrlDelimitersRoundTrip() throws IOException {
        assumeTrue(acceptsUrlDelimitersInKeys(), "this store cannot take '?', '#' or '%' in keys");
        BlobKey key = key("odd/what?#100%.jpg");

        store().put(key, bytes("odd"), "image/jpeg");

        assertThat(read(key)).isEqualTo(bytes("odd"));
        assertListed(store().list(prefix + "odd/", 10, null).blobs(), key);
    }

    @Test
    void invalidContentTypeIsRejected() {
        for (String contentType : new String[] {"", "jpeg", "image/jpeg\r\nX-Evil: 1", "image /jpeg"}) {
            assertThatThrownBy(() -> store().put(key("ct"), bytes("x"), contentType))
                    .as(contentType).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void invalidPrefixesAndPageSizesAreRejected() {
        for (String bad : new String[] {"/etc/", "../", "a/../", "a//", "a\\b", "a\u0000"}) {
            assertThatThrownBy(() -> store().list(bad, 10, null)).as(bad).isInstanceOf(InvalidBlobKeyException.class);
        }
        assertThatThrownBy(() -> store().list(prefix, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().list(prefix, BlobStore.MAX_PAGE_SIZE + 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidKeysCannotReachTheStore() {
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a\\b", "a\u0000b", "a//b", "a/", "./a",
                ""}) {
            assertThatThrownBy(() -> BlobKey.of(bad)).as(bad).isInstanceOf(InvalidBlobKeyException.class);
        }
    }

    /*
     * What a store under test can do. Every real adapter can do all of it; only test doubles of a
     * service (Google's in-memory GCS) opt out, and only of what they demonstrably lack.
     */

    /** Whether an overwrite changes the generation. */
    protected boolean generationsChangeOnOverwrite() {
        return true;
    }

    /** Whether listings come in key order and honour page size and token. */
    protected boolean listsInOrderAndPages() {
        return true;
    }

    /** Whether a put that failed leaves no trace (no object, the previous object untouched). */
    protected boolean failedPutsLeaveNoTrace() {
        return true;
    }

    /** Whether keys may contain characters that delimit parts of a URL. */
    protected boolean acceptsUrlDelimitersInKeys() {
        return true;
    }

    /** The listing holds exactly these keys: in this order when the store sorts, else in any. */
    protected void assertListed(List<BlobInfo> listed, BlobKey... keys) {
        if (listsInOrderAndPages()) {
            assertThat(listed).extracting(BlobInfo::key).containsExactly(keys);
        } else {
            assertThat(listed).extracting(BlobInfo::key).containsExactlyInAnyOrder(keys);
        }
    }

    protected byte[] read(BlobKey key) throws IOException {
        try (BlobStream stream = store().get(key)) {
            return stream.readAllBytes();
        }
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every byte value, then random bytes: binary content that no text handling survives. */
    protected static byte[] binary(int length) {
        byte[] content = new byte[length];
        new Random(length).nextBytes(content);
        for (int i = 0; i < Math.min(256, length); i++) {
            content[i] = (byte) i;
        }
        return content;
    }

    /** A source that delivers {@code good} bytes, then fails, like a client dropping mid-upload. */
    protected static InputStream failingAfter(int good, IOException failure) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent >= good) {
                    throw failure;
                }
                sent++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= good) {
                    throw failure;
                }
                int n = Math.min(len, good - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                sent += n;
                return n;
            }
        };
    }
}
