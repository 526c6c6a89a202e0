package dev.shutter.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.blobs.BlobKey;
import dev.shutter.blobs.local.LocalBlobStore;
import dev.shutter.blobs.local.LocalBlobStoreConfig;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model store on the local blob store (a directory), as `./shutter up` and the tests run it. */
class ModelStoreTest {

    @TempDir
    Path dir;

    LocalBlobStore blobs;
    ModelStore store;

    @BeforeEach
    void open() throws IOException {
        blobs = LocalBlobStore.open(LocalBlobStoreConfig.of(dir, "shutter-models", URI.create("http://127.0.0.1/blobs"),
                new byte[32]), (topic, envelope) -> Uni.createFrom().voidItem());
        store = new ModelStore(blobs);
    }

    @Test
    void aPublishedVersionReadsBackWithItsManifestAndCheckedBytes() throws Exception {
        byte[] model = "onnx bytes".getBytes(StandardCharsets.UTF_8);
        store.publish("item-tower", "v0001", model, manifest(0.30), "recall@100", false);

        ModelVersion latest = store.latest("item-tower").orElseThrow();
        assertThat(latest.version()).isEqualTo("v0001");
        assertThat(latest.metric("recall@100")).isEqualTo(0.30);
        assertThat(latest.manifest()).containsEntry("name", "item-tower").containsEntry("modelBytes", model.length)
                .containsKey("modelSha256").containsKey("created").containsKey("signature");
        assertThat(store.model(latest)).isEqualTo(model);

        // Bytes changed under a manifest are refused.
        blobs.put(ModelStore.modelKey("item-tower", "v0001"), "other".getBytes(StandardCharsets.UTF_8), "application/octet-stream");
        assertThatThrownBy(() -> store.model(latest)).hasMessageContaining("does not match");
    }

    @Test
    void aVersionExistsOnlyOnceItsManifestIsWritten() throws Exception {
        // A publisher that died after the model and before the manifest left no version.
        blobs.put(ModelStore.modelKey("ranker", "v0001"), new byte[] {1}, "application/octet-stream");
        assertThat(store.versions("ranker")).isEmpty();
        assertThat(store.latest("ranker")).isEmpty();
        store.publish("ranker", "v0001", new byte[] {2}, manifest(0.5), "ndcg@50", false);
        assertThat(store.versions("ranker")).containsExactly("v0001");
        assertThat(store.model(store.latest("ranker").orElseThrow())).containsExactly(2);
    }

    @Test
    void versionsAreImmutableOrderedAndNeverWorseUnlessForced() throws Exception {
        store.publish("ranker", "v0002", new byte[] {1}, manifest(0.40), "ndcg@50", false);
        assertThatThrownBy(() -> store.publish("ranker", "v0002", new byte[] {9}, manifest(0.9), "ndcg@50", false))
                .isInstanceOf(ModelRefusedException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> store.publish("ranker", "v0001", new byte[] {9}, manifest(0.9), "ndcg@50", false))
                .isInstanceOf(ModelRefusedException.class).hasMessageContaining("does not sort after");
        assertThatThrownBy(() -> store.publish("ranker", "v0003", new byte[] {3}, manifest(0.35), "ndcg@50", false))
                .isInstanceOf(ModelRefusedException.class).hasMessageContaining("worse than 0.4 of v0002");
        // A model without the figure is no better either.
        assertThatThrownBy(() -> store.publish("ranker", "v0003", new byte[] {3}, Map.of(), "ndcg@50", false))
                .isInstanceOf(ModelRefusedException.class);
        store.publish("ranker", "v0003", new byte[] {3}, manifest(0.35), "ndcg@50", true);
        store.publish("ranker", "v0004", new byte[] {4}, manifest(0.36), "ndcg@50", false);
        assertThat(store.versions("ranker")).containsExactly("v0002", "v0003", "v0004");
        assertThat(store.model(store.read("ranker", "v0002"))).containsExactly(1);
        assertThatThrownBy(() -> store.publish("Bad Name", "v1", new byte[0], Map.of(), "x", true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(blobs.head(BlobKey.of("models/ranker/v0004/manifest.json"))).isPresent();
    }

    private static Map<String, Object> manifest(double metric) {
        return Map.of("signature", Ranker.signature().describe(), "metrics", Map.of("recall@100", metric, "ndcg@50", metric),
                "dataFingerprint", "sha256:abc");
    }
}
