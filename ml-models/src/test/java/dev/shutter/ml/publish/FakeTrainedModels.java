package dev.shutter.ml.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.models.ModelRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model directory as {@code train} lays it out, with small stand-in bytes for the ONNX
 * files: the publisher moves bytes and manifests and never runs a model.
 */
final class FakeTrainedModels {

    private FakeTrainedModels() {}

    /** The towers get {@code recall} as recall@100, the ranker {@code ndcg} as ndcg@50. */
    static Path write(Path dir, String version, double recall, double ndcg) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> models = new LinkedHashMap<>();
        for (String name : ModelRelease.EXPLORE) {
            Map<String, Object> metrics = name.equals("ranker") ? Map.of("ndcg@50", ndcg, "auc", 0.7)
                    : Map.of("recall@100", recall, "recall@10", recall / 3);
            models.put(name, Map.of("metrics", metrics));
            Files.writeString(dir.resolve(name + ".onnx"), "onnx of " + name + " " + version, StandardCharsets.UTF_8);
        }
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
}
