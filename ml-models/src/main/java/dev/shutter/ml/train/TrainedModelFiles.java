package dev.shutter.ml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shutter.ml.eval.ReportChart;
import dev.shutter.ml.files.StagedDirectory;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model directory: {@code item-tower.onnx}, {@code user-tower.onnx}, {@code
 * ranker.onnx}, {@code models.json} (version, dimension, data, parameters, each model's metrics:
 * what publish reads), {@code report.json} and {@code report.png}. Written in a staging directory
 * and moved into place in one step ({@link StagedDirectory}).
 */
public final class TrainedModelFiles {

    public static final String MODELS_JSON = "models.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainedModelFiles() {}

    public static void write(TrainedModels trained, Path directory) throws IOException {
        StagedDirectory.write(directory, "a trained model directory", staging -> {
            Files.write(staging.resolve(TwoTower.ITEM_TOWER + ".onnx"), trained.itemTower());
            Files.write(staging.resolve(TwoTower.USER_TOWER + ".onnx"), trained.userTower());
            Files.write(staging.resolve(Ranker.NAME + ".onnx"), trained.ranker());
            JSON.writeValue(staging.resolve("report.json").toFile(), trained.report());
            ReportChart.write(staging.resolve("report.png"), trained.loss(), trained.retrieval());
            JSON.writeValue(staging.resolve(MODELS_JSON).toFile(), models(trained));
            return null;
        });
    }

    private static Map<String, Object> models(TrainedModels trained) {
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("version", trained.version());
        models.put("dimension", trained.dimension());
        models.put("dataFingerprint", trained.dataFingerprint());
        models.put("dataSource", trained.dataSource());
        models.put("parameters", trained.parameters());
        Map<String, Object> byName = new LinkedHashMap<>();
        trained.metrics().forEach((name, metrics) -> byName.put(name, Map.of("metrics", metrics)));
        models.put("models", byName);
        return models;
    }
}
