package dev.shutter.ml.cli;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.DatasetFiles;
import dev.shutter.ml.train.TrainedModelFiles;
import dev.shutter.ml.train.TrainedModels;
import dev.shutter.ml.train.TrainingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code train --data DIR --out DIR [--size quick|standard] [--epochs N] [--dimension N] [--seed N]}:
 * trains, exports and evaluates the three models on a dataset, writing a trained model directory.
 */
public final class TrainCommand {

    private TrainCommand() {}

    public static TrainedModels run(Map<String, String> options) throws Exception {
        Map<String, String> left = new HashMap<>(options);
        Path data = Path.of(MlCommand.required(left, "data"));
        Path out = Path.of(MlCommand.required(left, "out"));
        long seed = Long.parseLong(MlCommand.take(left, "seed", "42"));
        String size = MlCommand.take(left, "size", "standard");
        TrainingRun.Settings settings = switch (size) {
            case "quick" -> TrainingRun.Settings.quick(seed);
            case "standard" -> TrainingRun.Settings.standard(seed);
            default -> throw new IllegalArgumentException("--size must be quick or standard, not " + size);
        };
        String epochs = left.remove("epochs");
        String dimension = left.remove("dimension");
        if (epochs != null) {
            settings = new TrainingRun.Settings(settings.towers().withEpochs(Integer.parseInt(epochs)), settings.rankerEpochs(),
                    settings.maxUsers());
        }
        if (dimension != null) {
            settings = new TrainingRun.Settings(settings.towers().withDimension(Integer.parseInt(dimension)),
                    settings.rankerEpochs(), settings.maxUsers());
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + left.keySet());
        }
        Dataset dataset = DatasetFiles.read(data);
        TrainedModels trained = new TrainingRun(settings, line -> System.out.println("  " + line))
                .run(dataset, DatasetFiles.fingerprintOf(data));
        TrainedModelFiles.write(trained, out);
        System.out.printf("wrote %s: version %s (report.json, report.png beside the models)%n", out, trained.version());
        return trained;
    }
}
