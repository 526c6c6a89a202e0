package dev.shutter.ml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.DatasetFiles;
import dev.shutter.ml.eval.OfflineEvaluation;
import dev.shutter.ml.onnx.TowerEmbeddings;
import dev.shutter.ml.train.Histories;
import dev.shutter.ml.train.ItemTable;
import dev.shutter.ml.train.TimeSplit;
import dev.shutter.ml.train.TrainedModelFiles;
import dev.shutter.ml.train.TrainingRun;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code evaluate --model DIR --data DIR [--out FILE] [--users N] [--seed N]}: the figures of a
 * trained model directory's ONNX models on a dataset's hold-out (for example a newer export than
 * the one it was trained on), against popularity and random.
 */
public final class EvaluateCommand {

    private EvaluateCommand() {}

    public static OfflineEvaluation.Figures run(Map<String, String> options) throws Exception {
        Map<String, String> left = new HashMap<>(options);
        Path model = Path.of(MlCommand.required(left, "model"));
        Path data = Path.of(MlCommand.required(left, "data"));
        String out = left.remove("out");
        int users = Integer.parseInt(MlCommand.take(left, "users", "2000"));
        long seed = Long.parseLong(MlCommand.take(left, "seed", "42"));
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + left.keySet());
        }
        Map<?, ?> models = new ObjectMapper().readValue(model.resolve(TrainedModelFiles.MODELS_JSON).toFile(), Map.class);
        int dimension = ((Number) models.get("dimension")).intValue();
        Dataset dataset = DatasetFiles.read(data);
        ItemTable items = new ItemTable(dataset.items());
        Histories histories = new Histories(dataset.interactions(), items);
        TimeSplit split = TimeSplit.of(dataset.interactions(), TrainingRun.HOLDOUT_FRACTION);
        OfflineEvaluation.Figures figures;
        try (TowerEmbeddings towers = new TowerEmbeddings(Files.readAllBytes(model.resolve(TwoTower.ITEM_TOWER + ".onnx")),
                Files.readAllBytes(model.resolve(TwoTower.USER_TOWER + ".onnx")), dimension)) {
            figures = OfflineEvaluation.onHoldout(dataset, items, histories, split, towers, towers.items(items),
                    Files.readAllBytes(model.resolve(Ranker.NAME + ".onnx")), users, seed);
        }
        System.out.println(models.get("version") + " on " + data + ": " + figures.summary());
        if (out != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("version", models.get("version"));
            report.put("dataFingerprint", DatasetFiles.fingerprintOf(data));
            report.put("evaluatedUsers", figures.users());
            report.put("retrieval", figures.retrieval());
            report.put("ranking", figures.ranking());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(out).toFile(), report);
            System.out.println("wrote " + out);
        }
        return figures;
    }
}
