package dev.shutter.blobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Objects in one bucket: the port that the local filesystem adapter and the GCS adapter both
 * implement, with the same behaviour (checked by {@code BlobStoreContractTest}).
 *
 * <p><b>Every method blocks</b> on disk or network I/O. Call it from a worker or a virtual
 * thread, never from an event loop (a Vert.x or Netty I/O thread): in Quarkus, from a
 * {@code @Blocking} or {@code @RunOnVirtualThread} endpoint, or by offloading with
 * {@code Uni.createFrom().item(...).runSubscriptionOn(executor)}.
 *
 * <p>Writes are whole-object: an object is either absent, or there with all of one put's bytes,
 * never partly written. A put of an existing key replaces it with a new {@linkplain
 * BlobInfo#generation() generation}.
 */
public interface BlobStore {

    /** Largest page {@link #list} returns (GCS caps pages at 1,000 objects). */
    int MAX_PAGE_SIZE = 1000;

    /** The bucket this store writes to; it names the bucket in events and URLs. */
    String bucket();

    /**
     * Writes {@code content} to {@code key}, replacing what was there. The stream is read to its
     * end but not closed. When it fails midway, the put fails and nothing is written.
     *
     * @param contentType a media type such as {@code image/jpeg}
     * @throws IllegalArgumentException when the content type is not a media type
     * @throws IOException when reading {@code content} or writing the object fails; the
     *     exception {@code content} threw is rethrown as it is
     */
    BlobInfo put(BlobKey key, InputStream content, String contentType) throws IOException;

    default BlobInfo put(BlobKey key, byte[] content, String contentType) throws IOException {
        return put(key, new ByteArrayInputStream(content), contentType);
    }

    default BlobInfo put(BlobKey key, Path file, String contentType) throws IOException {
        try (InputStream content = Files.newInputStream(file)) {
            return put(key, content, contentType);
        }
    }

    /**
     * Opens an object for reading. The content streams; nothing is buffered whole.
     *
     * @throws NoSuchBlobException when there is no such object
     */
    BlobStream get(BlobKey key) throws IOException;

    /** The object's metadata, or empty when there is no such object. */
    Optional<BlobInfo> head(BlobKey key) throws IOException;

    /** Deletes an object. @return whether there was one to delete */
    boolean delete(BlobKey key) throws IOException;

    /**
     * One page of the objects whose keys start with {@code prefix}, in {@linkplain
     * BlobKey#compareTo key order}.
     *
     * @param prefix {@code ""} for all; otherwise see {@link BlobKey#requireValidPrefix}
     * @param pageSize at most this many objects, 1 to {@link #MAX_PAGE_SIZE}
     * @param pageToken {@code null} for the first page, then the previous page's {@link
     *     BlobPage#nextPageToken()}
     */
    BlobPage list(String prefix, int pageSize, String pageToken) throws IOException;

    /**
     * All objects under {@code prefix} in key order, fetched a page at a time as the stream is
     * consumed. An I/O failure while paging surfaces as {@link UncheckedIOException}.
     */
    default Stream<BlobInfo> listAll(String prefix) {
        BlobKey.requireValidPrefix(prefix);
        Iterator<BlobInfo> blobs = new Iterator<>() {
            private Iterator<BlobInfo> page = java.util.Collections.emptyIterator();
            private Optional<String> nextToken = Optional.empty();
            private boolean started;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && (!started || nextToken.isPresent())) {
                    try {
                        BlobPage next = list(prefix, MAX_PAGE_SIZE, nextToken.orElse(null));
                        started = true;
                        page = next.blobs().iterator();
                        nextToken = next.nextPageToken();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return page.hasNext();
            }

            @Override
            public BlobInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(blobs,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    /** Checks a page size against the limits every adapter shares. */
    static int requireValidPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        return pageSize;
    }
}
