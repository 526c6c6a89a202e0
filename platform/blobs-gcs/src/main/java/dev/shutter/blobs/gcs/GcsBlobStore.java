package dev.shutter.blobs.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobWriteSession;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.StorageException;
import dev.shutter.blobs.BlobInfo;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobPage;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStream;
import dev.shutter.blobs.ContentTypes;
import dev.shutter.blobs.NoSuchBlobException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * The Google Cloud Storage {@link BlobStore}: one bucket, through the google-cloud-storage
 * client. It does not publish finalize events: on GCS the bucket's Pub/Sub notification announces
 * every finalized object.
 *
 * <p><b>Uploads commit only when complete.</b> A put streams through a resumable upload session
 * and finalizes it only after the source stream ended cleanly. When the source fails midway, the
 * session is abandoned unfinalized (GCS discards it after a week) and no object is created or
 * replaced. Not {@code Storage.createFrom(InputStream)}: it closes its channel in a
 * try-with-resources, which on a failing source <em>finalizes</em> the upload and commits the
 * partial content as the object.
 *
 * <p><b>Reads are pinned to a generation.</b> {@link #get} reads the generation that its metadata
 * describes; if the object is overwritten meanwhile, reading fails instead of mixing versions.
 *
 * <p>Failures of the service ({@link StorageException}) surface as {@link IOException}s naming
 * the operation and object, with the StorageException (and its HTTP code) as cause.
 */
public final class GcsBlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(GcsBlobStore.class);
    private static final int COPY_BUFFER_BYTES = 256 * 1024;
    /** Fields a listing needs; GCS otherwise returns the full resource of every object. */
    private static final BlobListOption LIST_FIELDS = BlobListOption.fields(
            BlobField.NAME, BlobField.SIZE, BlobField.CONTENT_TYPE, BlobField.GENERATION, BlobField.UPDATED);

    private final Storage storage;
    private final String bucket;

    /**
     * @param storage a client, e.g. {@code StorageOptions.getDefaultInstance().getService()}
     * @param bucket the bucket's name
     */
    public GcsBlobStore(Storage storage, String bucket) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream content, String contentType) throws IOException {
        ContentTypes.requireValid(contentType);
        com.google.cloud.storage.BlobInfo target = com.google.cloud.storage.BlobInfo
                .newBuilder(BlobId.of(bucket, key.value()))
                .setContentType(contentType)
                .build();
        try {
            BlobWriteSession session = storage.blobWriteSession(target);
            WritableByteChannel channel = session.open();
            // On failure the channel is deliberately left unclosed: closing would finalize the
            // upload with whatever part of the content was sent.
            copy(content, channel);
            channel.close();
            return toInfo(key, session.getResult().get());
        } catch (StorageException e) {
            throw failure("put", key, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StorageException storageException
                    ? failure("put", key, storageException)
                    : new IOException("put of gs://" + bucket + "/" + key + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the put of gs://" + bucket + "/" + key);
        }
    }

    private static void copy(InputStream content, WritableByteChannel channel) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        int read;
        while ((read = content.read(buffer)) >= 0) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
    }

    @Override
    public BlobStream get(BlobKey key) throws IOException {
        try {
            Blob blob = storage.get(BlobId.of(bucket, key.value()));
            if (blob == null) {
                throw new NoSuchBlobException(key);
            }
            BlobInfo info = toInfo(key, blob);
            // The reader fetches lazily; I/O errors (a 404 if this generation is gone) come from read().
            InputStream content = Channels.newInputStream(
                    storage.reader(BlobId.of(bucket, key.value(), blob.getGeneration())));
            return new BlobStream(content, info);
        } catch (StorageException e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public Optional<BlobInfo> head(BlobKey key) throws IOException {
        try {
            return Optional.ofNullable(storage.get(BlobId.of(bucket, key.value()))).map(blob -> toInfo(key, blob));
        } catch (StorageException e) {
            throw failure("head", key, e);
        }
    }

    @Override
    public boolean delete(BlobKey key) throws IOException {
        try {
            return storage.delete(BlobId.of(bucket, key.value()));
        } catch (StorageException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public BlobPage list(String prefix, int pageSize, String pageToken) throws IOException {
        BlobKey.requireValidPrefix(prefix);
        BlobStore.requireValidPageSize(pageSize);
        List<BlobListOption> options = new ArrayList<>(List.of(BlobListOption.pageSize(pageSize), LIST_FIELDS));
        if (!prefix.isEmpty()) {
            options.add(BlobListOption.prefix(prefix));
        }
        if (pageToken != null) {
            options.add(BlobListOption.pageToken(pageToken));
        }
        Page<Blob> page;
        try {
            page = storage.list(bucket, options.toArray(BlobListOption[]::new));
        } catch (StorageException e) {
            throw new IOException("list of gs://" + bucket + "/" + prefix + "* failed: " + e.getMessage(), e);
        }
        List<BlobInfo> blobs = new ArrayList<>();
        for (Blob blob : page.getValues()) {
            if (BlobKey.isValid(blob.getName())) {
                blobs.add(toInfo(BlobKey.of(blob.getName()), blob));
            } else {
                // E.g. "folder/" placeholders made by the console: not objects this port can name.
                LOG.debugf("skipping gs://%s/%s in listing: not a valid key", bucket, blob.getName());
            }
        }
        String next = page.getNextPageToken();
        return new BlobPage(blobs, next == null || next.isEmpty() ? Optional.empty() : Optional.of(next));
    }

    /**
     * GCS always returns size, generation and update time of a finalized object; the defaults
     * only cover partial resources from emulators. GCS's own default content type applies to
     * objects written without one.
     */
    private static BlobInfo toInfo(BlobKey key, com.google.cloud.storage.BlobInfo blob) {
        return new BlobInfo(key,
                Objects.requireNonNullElse(blob.getSize(), 0L),
                Objects.requireNonNullElse(blob.getContentType(), ContentTypes.OCTET_STREAM),
                Objects.toString(blob.getGeneration(), ""),
                blob.getUpdateTimeOffsetDateTime() == null ? Instant.EPOCH : blob.getUpdateTimeOffsetDateTime().toInstant());
    }

    private IOException failure(String operation, BlobKey key, StorageException e) {
        return new IOException(operation + " of gs://" + bucket + "/" + key + " failed (HTTP " + e.getCode() + "): "
                + e.getMessage(), e);
    }
}
