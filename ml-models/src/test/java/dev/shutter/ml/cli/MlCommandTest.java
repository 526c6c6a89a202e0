package dev.shutter.ml.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.ml.dataset.DatasetFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlCommandTest {

    @Test
    void optionsOverrideTheChosenSize() {
        var spec = MlCommand.spec(Map.of("size", "small", "seed", "9", "users", "50", "noise", "0.2"));
        assertThat(spec.seed()).isEqualTo(9);
        assertThat(spec.users()).isEqualTo(50);
        assertThat(spec.posts()).isEqualTo(6_000);
        assertThat(spec.noise()).isEqualTo(0.2);
        assertThatThrownBy(() -> MlCommand.spec(Map.of("userz", "5"))).hasMessageContaining("unknown options: [userz]");
        assertThatThrownBy(() -> MlCommand.spec(Map.of("size", "huge"))).hasMessageContaining("small or standard");
    }

    @Test
    void generateWritesADataset(@TempDir Path dir) throws Exception {
        MlCommand.run(new String[] {"generate", "--out", dir.resolve("d").toString(), "--size", "small", "--users", "40",
                "--posts", "300"});
        assertThat(DatasetFiles.read(dir.resolve("d")).items()).hasSize(300);
    }
}
