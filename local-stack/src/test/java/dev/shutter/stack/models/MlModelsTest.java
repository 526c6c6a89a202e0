package dev.shutter.stack.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlModelsTest {

    @TempDir
    Path repo;

    @Test
    void builtMeansClassesAndAClasspathWhoseEveryJarIsThere() throws Exception {
        Path classes = Files.createDirectories(repo.resolve("ml-models/target/classes"));
        assertThat(MlModels.built(repo)).as("no classpath file yet").isEmpty();

        Path jar = Files.createDirectories(repo.resolve("platform/model-contract/target")).resolve("shutter-model-contract.jar");
        Path gone = repo.resolve("platform/contracts/target/shutter-contracts.jar");
        Files.writeString(repo.resolve(MlModels.MODULE).resolve(MlModels.CLASSPATH_FILE), jar + File.pathSeparator + gone);
        Files.writeString(jar, "jar");
        assertThat(MlModels.built(repo)).as("a jar it names was cleaned away").isEmpty();

        Files.writeString(repo.resolve(MlModels.MODULE).resolve(MlModels.CLASSPATH_FILE), jar + "\n");
        MlModels ml = MlModels.built(repo).orElseThrow();
        assertThat(ml.classpath()).containsExactly(classes, jar);

        List<String> command = ml.bootstrap(Path.of("/data/blobs/models"), "redis://127.0.0.1:8086", Path.of("/data/ml"));
        assertThat(command).containsSubsequence("-cp", classes + File.pathSeparator + jar, "dev.shutter.ml.cli.MlCommand",
                "bootstrap", "--store", "/data/blobs/models", "--events", "redis://127.0.0.1:8086", "--work", "/data/ml");
        assertThat(command).anyMatch(arg -> arg.endsWith("java") || arg.endsWith("java.exe"));
    }
}
