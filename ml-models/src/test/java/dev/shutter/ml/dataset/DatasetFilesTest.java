package dev.shutter.ml.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.ml.synthetic.SyntheticSpec;
import dev.shutter.ml.synthetic.SyntheticWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {

    @TempDir
    Path dir;

    @Test
    void aDatasetReadsBackAsWritten() throws IOException {
        Dataset dataset = SyntheticWorld.generate(new SyntheticSpec(3, 50, 400, 4, 10, 8, 0.1)).dataset();
        String fingerprint = DatasetFiles.write(dataset, dir.resolve("data"));

        Dataset read = DatasetFiles.read(dir.resolve("data"));
        assertThat(read.items()).isEqualTo(dataset.items());
        assertThat(read.interactions()).isEqualTo(dataset.interactions());
        assertThat(read.follows()).isEqualTo(dataset.follows());
        assertThat(read.source()).isEqualTo("synthetic");
        assertThat(read.parameters()).containsEntry("seed", 3).containsEntry("users", 50);
        assertThat(DatasetFiles.fingerprintOf(dir.resolve("data"))).isEqualTo(fingerprint).startsWith("sha256:");
        // Nothing left beside it: the staging directory was moved into place.
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("data");
        }
    }

    @Test
    void aChangedOrForeignDatasetIsRefused() throws IOException {
        Dataset dataset = new Dataset("export", java.util.Map.of(), List.of(new Item(1, 2, 3, Item.MediaType.PHOTO,
                List.of("sun"), List.of("hello"), new Item.Visual(0.5f, 0.25f, 0f), -1)),
                List.of(new Interaction(9, 1, Interaction.Action.LIKE, 10)), List.of(new Follow(9, 2, 5)));
        DatasetFiles.write(dataset, dir.resolve("data"));
        assertThatThrownBy(() -> DatasetFiles.write(dataset, dir.resolve("data"))).hasMessageContaining("exists already");

        Files.writeString(dir.resolve("data/interactions.tsv"), "9\t1\tsave\t11\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DatasetFiles.read(dir.resolve("data"))).isInstanceOf(IOException.class)
                .hasMessageContaining("does not match its manifest");

        Files.writeString(dir.resolve("data/manifest.json"), "{\"format\":\"something/9\"}");
        assertThatThrownBy(() -> DatasetFiles.read(dir.resolve("data"))).hasMessageContaining("not " + DatasetFiles.FORMAT);
    }
}
