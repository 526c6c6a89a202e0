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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aReaderPairsTheModelsOnlyByAVersionThatAllOfThemHave() throws Exception {
        assertThat(store.latestComplete(ModelRelease.EXPLORE)).isEmpty();
        for (String name : ModelRelease.EXPLORE) {
            store.publish(name, "v0001", new byte[] {1}, manifest(0.30), "recall@100", false);
        }
        // A publisher that stopped after two of the three models of v0002: v0001 is still the release,
        // whatever each model's own latest says.
        store.publish("ranker", "v0002", new byte[] {2}, manifest(0.31), "recall@100", false);
        store.publish("item-tower", "v0002", new byte[] {2}, manifest(0.31), "recall@100", false);
        assertThat(store.latest("item-tower").orElseThrow().version()).isEqualTo("v0002");

        ModelRelease release = store.latestComplete(ModelRelease.EXPLORE).orElseThrow();
        assertThat(release.version()).isEqualTo("v0001");
        assertThat(release.models()).containsOnlyKeys("item-tower", "user-tower", "ranker");
        assertThat(store.model(release.model("item-tower"))).containsExactly(1);
        assertThat(release.model("user-tower").modelKey()).isEqualTo("models/user-tower/v0001/model.onnx");
        assertThatThrownBy(() -> release.model("scorer")).hasMessageContaining("has no scorer");

        store.publish("user-tower", "v0002", new byte[] {2}, manifest(0.31), "recall@100", false);
        assertThat(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0002");
        assertThat(store.latestComplete(List.of("ranker")).orElseThrow().version()).isEqualTo("v0002");
    }

    @Test
    void aVersionIsCheckedWithoutWritingIt() throws Exception {
        assertThat(store.requirePublishable("ranker", "v0001", manifest(0.5), "ndcg@50", false)).isEmpty();
        assertThat(store.versions("ranker")).isEmpty();
        assertThat(blobs.listAll("models/").toList()).isEmpty();

        store.publish("ranker", "v0001", new byte[] {1}, manifest(0.5), "ndcg@50", false);
        assertThat(store.requirePublishable("ranker", "v0002", manifest(0.6), "ndcg@50", false).orElseThrow().version())
                .isEqualTo("v0001");
        assertThatThrownBy(() -> store.requirePublishable("ranker", "v0002", manifest(0.4), "ndcg@50", false))
                .isInstanceOf(ModelRefusedException.class).hasMessageContaining("worse than 0.5 of v0001");
        assertThat(store.requirePublishable("ranker", "v0002", manifest(0.4), "ndcg@50", true)).isPresent();
        assertThat(store.find("ranker", "v0001")).isPresent();
        assertThat(store.find("ranker", "v0002")).isEmpty();
        assertThat(store.find("ranker", "v0001").orElseThrow().modelSha256()).hasSize(64);
    }

    @Test
    void aSnapshotOutlivesTheDiskItWasWrittenOn() throws Exception {
        Path written = Files.writeString(Files.createDirectories(dir.resolve("instance-a")).resolve("catalog.snapshot"), "catalog one");
        Path restored = dir.resolve("instance-b/data/catalog.snapshot");
        assertThat(store.restoreSnapshot("explore-catalog", restored)).isFalse();
        assertThat(restored).doesNotExist();

        store.saveSnapshot("explore-catalog", written);
        Files.writeString(written, "catalog two");
        store.saveSnapshot("explore-catalog", written);

        assertThat(store.restoreSnapshot("explore-catalog", restored)).isTrue();
        assertThat(restored).hasContent("catalog two");
        assertThat(Files.list(restored.getParent()).toList()).containsExactly(restored);
        assertThat(store.versions("explore-catalog")).isEmpty();
        assertThatThrownBy(() -> store.saveSnapshot("../models", written)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLocalStoreIsADirectoryThatOtherProcessesOpenToo() throws Exception {
        Path root = dir.resolve("models-bucket");
        ModelStore.local(root).publish("ranker", "v0001", new byte[] {7}, manifest(0.5), "ndcg@50", false);

        assertThat(root.resolve("objects/models/ranker/v0001/manifest.json")).isRegularFile();
        ModelStore reopened = ModelStore.local(root);
        assertThat(reopened.model(reopened.latest("ranker").orElseThrow())).containsExactly(7);
        assertThat(root.resolve("signing-key.hex")).doesNotExist();
    }

    private static Map<String, Object> manifest(double metric) {
        return Map.of("signature", Ranker.signature().describe(), "metrics", Map.of("recall@100", metric, "ndcg@50", metric),
                "dataFingerprint", "sha256:abc");
    }
}
