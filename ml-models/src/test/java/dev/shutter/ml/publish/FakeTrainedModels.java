package dev.shutter.ml.publish;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.ml.onnx.RankerOnnx;
import dev.shutter.ml.onnx.TwoTowerOnnx;
import dev.shutter.ml.ranking.RankerNet;
import dev.shutter.ml.train.TowerShape;
import dev.shutter.ml.train.TwoTowerNet;
import dev.shutter.ml.train.Weights;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import dev.shutter.models.ModelRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model directory as {@code train} lays it out, with untrained models (seeded initial
 * weights through the real export): the publisher runs each once to record its golden set.
 */
public final class FakeTrainedModels {

    private FakeTrainedModels() {}

    /** The towers get {@code recall} as recall@100, the ranker {@code ndcg} as ndcg@50. */
    public static Path write(Path dir, String version, double recall, double ndcg) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> models = new LinkedHashMap<>();
        for (String name : ModelRelease.EXPLORE) {
            Map<String, Object> metrics = name.equals("ranker") ? Map.of("ndcg@50", ndcg, "auc", 0.7)
                    : Map.of("recall@100", recall, "recall@10", recall / 3);
            models.put(name, Map.of("metrics", metrics));
        }
        writeUntrained(dir, version, 32);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("version", version);
        manifest.put("dimension", 32);
        manifest.put("dataFingerprint", "sha256:" + "ab".repeat(32));
        manifest.put("dataSource", "synthetic");
        manifest.put("parameters", Map.of("epochs", 2, "learningRate", 0.01));
        manifest.put("models", models);
        new ObjectMapper().writeValue(dir.resolve(TrainedModelDirectory.MANIFEST).toFile(), manifest);
        Files.writeString(dir.resolve("report.json"), "{}");
        return dir;
    }

    /** The version seeds the weights, so two versions are two different models. */
    private static void writeUntrained(Path dir, String version, int dimension) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TowerShape shape = TowerShape.of(dimension);
            Weights towers = new Weights(manager, version.hashCode());
            TwoTowerNet.create(towers, shape);
            Files.write(dir.resolve(TwoTower.ITEM_TOWER + ".onnx"), TwoTowerOnnx.itemTower(towers, shape, version));
            Files.write(dir.resolve(TwoTower.USER_TOWER + ".onnx"), TwoTowerOnnx.userTower(towers, shape, version));
            float[] mean = new float[Ranker.FEATURES.size()];
            float[] spread = new float[Ranker.FEATURES.size()];
            java.util.Arrays.fill(spread, 1f);
            RankerNet ranker = RankerNet.create(new Weights(manager, version.hashCode() + 1L), mean, spread);
            Files.write(dir.resolve(Ranker.NAME + ".onnx"), RankerOnnx.of(ranker, version));
        }
    }
}
