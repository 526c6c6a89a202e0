package dev.shutter.ml.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.ml.dataset.DatasetFiles;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first release on an empty store, with a stand-in for training that writes a trained
 * directory from the dataset it is given (the real training is ml-models' own, tested there).
 */
class FirstReleaseTest {

    @TempDir
    Path dir;

    ModelStore store;
    List<Path> trainedOn = new ArrayList<>();
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void open() throws Exception {
        store = ModelStore.local(dir.resolve("store"));
    }

    @Test
    void anEmptyStoreGetsAReleaseTrainedOnTheSmallSyntheticDataset() throws Exception {
        List<Publication> published = firstRelease((dataset, model) -> {
            trainedOn.add(dataset);
            FakeTrainedModels.write(model, "v0001", 0.30, 0.20);
        }).publishIfNone(dir.resolve("work")).orElseThrow();

        assertThat(published).hasSize(3);
        assertThat(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0001");
        assertThat(trainedOn).singleElement().satisfies(dataset ->
                assertThat(DatasetFiles.read(dataset).items()).hasSize(FirstRelease.DATA.posts()));
        assertThat(trainedOn.getFirst()).startsWith(dir.resolve("work"));
        assertThat(steps()).contains("generating the synthetic dataset (small, seed 42)", "training (quick)", "publishing v0001",
                "published release v0001: item-tower recall@100 0.3000, user-tower recall@100 0.3000, ranker ndcg@50 0.2000");
    }

    @Test
    void aStoreWithAReleaseIsLeftAlone() throws Exception {
        new ModelPublisher(store, Optional.empty())
                .publish(TrainedModelDirectory.read(FakeTrainedModels.write(dir.resolve("m"), "v0001", 0.30, 0.20)), false);

        Optional<List<Publication>> published = firstRelease((dataset, model) -> trainedOn.add(dataset))
                .publishIfNone(dir.resolve("work"));

        assertThat(published).isEmpty();
        assertThat(trainedOn).isEmpty();
        assertThat(steps()).containsExactly("the model store has release v0001: nothing to do");
    }

    @Test
    void aStoreWithOnlyPartOfAVersionGetsAForcedRelease() throws Exception {
        // A first attempt that stopped after one model, with figures the new training does not reach.
        store.publish("ranker", "v0001", new byte[] {1}, java.util.Map.of("metrics", java.util.Map.of("ndcg@50", 0.9)),
                "ndcg@50", false);

        firstRelease((dataset, model) -> FakeTrainedModels.write(model, "v0002", 0.30, 0.20)).publishIfNone(dir.resolve("work"));

        assertThat(store.latestComplete(ModelRelease.EXPLORE).orElseThrow().version()).isEqualTo("v0002");
    }

    @Test
    void aFailedTrainingPublishesNothing() throws Exception {
        assertThatThrownBy(() -> firstRelease((dataset, model) -> {
            throw new IllegalStateException("out of memory");
        }).publishIfNone(dir.resolve("work"))).hasMessage("out of memory");
        assertThat(store.versions("item-tower")).hasSize(0);
    }

    private FirstRelease firstRelease(FirstRelease.Training training) {
        return new FirstRelease(store, new ModelPublisher(store, Optional.empty()), training,
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    /** The lines marked as steps, without the mark. */
    private List<String> steps() {
        return output.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith(FirstRelease.STEP))
                .map(line -> line.substring(FirstRelease.STEP.length())).toList();
    }
}
