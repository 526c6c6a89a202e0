package dev.shutter.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.ml.dataset.DatasetFiles;
import dev.shutter.ml.eval.OfflineEvaluation;
import dev.shutter.ml.synthetic.SyntheticSpec;
import dev.shutter.ml.synthetic.SyntheticWorld;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole run on the small synthetic world, as CI and ./shutter up train it: the towers beat
 * popularity at least twice over, the ranker improves on retrieval order, and the directory holds
 * everything publish and a reader need.
 */
class TrainingRunTest {

    @TempDir
    Path dir;

    @Test
    void trainsModelsThatBeatTheBaselinesAndWritesThemWhole() throws Exception {
        Path data = dir.resolve("data");
        String fingerprint = DatasetFiles.write(SyntheticWorld.generate(SyntheticSpec.small(42)).dataset(), data);
        List<String> progress = new ArrayList<>();
        TrainedModels trained = new TrainingRun(TrainingRun.Settings.quick(42), progress::add)
                .run(DatasetFiles.read(data), fingerprint);

        Map<String, Map<String, Double>> retrieval = trained.retrieval();
        double towers = retrieval.get(OfflineEvaluation.TOWERS).get("recall@100");
        double popularity = retrieval.get(OfflineEvaluation.POPULARITY).get("recall@100");
        double random = retrieval.get(OfflineEvaluation.RANDOM).get("recall@100");
        assertThat(towers).isGreaterThanOrEqualTo(2 * popularity);
        assertThat(popularity).isGreaterThan(random);
        Map<String, Double> ranker = trained.metrics().get(Ranker.NAME);
        assertThat(ranker.get("ndcg@50")).isGreaterThan(ranker.get("retrievalOrder.ndcg@50"));
        assertThat(trained.loss().get("towers").getLast()).isLessThan(trained.loss().get("towers").getFirst());
        assertThat(progress).anyMatch(line -> line.startsWith("towers  epoch 3/3  loss"));

        Path out = dir.resolve("model");
        TrainedModelFiles.write(trained, out);
        assertThat(Files.readAllBytes(out.resolve(TwoTower.ITEM_TOWER + ".onnx"))).isEqualTo(trained.itemTower());
        assertThat(ImageIO.read(out.resolve("report.png").toFile()).getWidth()).isGreaterThan(1000);
        Map<?, ?> models = new ObjectMapper().readValue(out.resolve(TrainedModelFiles.MODELS_JSON).toFile(), Map.class);
        assertThat(models.get("version")).isEqualTo(trained.version());
        assertThat(models.get("dataFingerprint")).isEqualTo(fingerprint);
        Map<?, ?> report = new ObjectMapper().readValue(out.resolve("report.json").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> targets = (Map<String, Object>) report.get("targets");
        assertThat(targets).containsEntry("recall@100 at least 2x popularity", true)
                .containsEntry("ranker improves ndcg@50 over retrieval order", true);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data", "model");

        assertThatThrownBy(() -> TrainedModelFiles.write(trained, out)).hasMessageContaining("exists already");

        // evaluate reads the written models back and finds what training reported.
        OfflineEvaluation.Figures again = dev.shutter.ml.cli.EvaluateCommand.run(Map.of("model", out.toString(),
                "data", data.toString(), "users", "600", "seed", "42"));
        assertThat(again.retrieval()).isEqualTo(retrieval);
        assertThat(again.ranking().get(OfflineEvaluation.RANKER)).isEqualTo(ranker.get("ndcg@50"));
    }
}
