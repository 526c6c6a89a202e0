package dev.shutter.blobs.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.BlobStore;
import dev.shutter.blobs.BlobStoreContractTest;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against Google's in-memory GCS fake. The fake keeps no order and no page tokens
 * in listings, records an upload's metadata when it starts rather than when it completes, and
 * puts raw object names into its upload URLs (so '?' and '#' break them); the contract skips what
 * depends on those. Real GCS does all of it.
 */
class GcsBlobStoreTest extends BlobStoreContractTest {

    private Storage storage;
    private GcsBlobStore store;

    @BeforeEach
    void openStore() {
        storage = LocalStorageHelper.getOptions().getService(); // a fresh, empty fake
        store = new GcsBlobStore(storage, "shutter-test");
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected boolean listsInOrderAndPages() {
        return false;
    }

    @Override
    protected boolean failedPutsLeaveNoTrace() {
        return false;
    }

    @Override
    protected boolean acceptsUrlDelimitersInKeys() {
        return false;
    }

    @Test
    void failingSourceNeverFinalizesTheUpload() {
        BlobKey key = key("half.mp4");

        assertThatThrownBy(() -> store.put(key, failingAfter(100_000, new IOException("dropped")), "video/mp4"))
                .hasMessage("dropped");

        // No content was committed: the fake has the upload's metadata, never its bytes.
        assertThatThrownBy(() -> storage.readAllBytes(BlobId.of("shutter-test", key.value())))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void createFromWouldHaveCommittedThePartialContent() {
        // Why the store does not use Storage.createFrom: on a failing source it finalizes anyway.
        BlobInfo target = BlobInfo.newBuilder("shutter-test", key("half.mp4").value()).build();

        assertThatThrownBy(() -> storage.createFrom(target, failingAfter(1000, new IOException("dropped"))))
                .hasMessage("dropped");

        assertThat(storage.readAllBytes(target.getBlobId())).hasSize(1000);
    }

    @Test
    void putRecordsTheContentTypeAndGenerationGcsAssigned() throws IOException {
        dev.shutter.blobs.BlobInfo put = store.put(key("a.jpg"), bytes("jpeg"), "image/jpeg");

        com.google.cloud.storage.Blob blob = storage.get(BlobId.of("shutter-test", key("a.jpg").value()));
        assertThat(blob.getContentType()).isEqualTo("image/jpeg");
        assertThat(put.generation()).isEqualTo(blob.getGeneration().toString());
        assertThat(put.updated()).isEqualTo(blob.getUpdateTimeOffsetDateTime().toInstant());
    }
}
