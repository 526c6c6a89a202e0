package dev.shutter.ml.cli;

import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.ml.publish.FirstRelease;
import dev.shutter.ml.publish.ModelPublisher;
import dev.shutter.models.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bootstrap --store DIR [--events redis://HOST:PORT] [--work DIR]}: when the model store has
 * no release of the Explore models, generates the small synthetic dataset, trains it ({@code
 * train}, quick size) and publishes the result ({@link FirstRelease}); otherwise does nothing.
 * {@code ./shutter up} runs it for a data directory whose store is empty; {@code --work} (default:
 * a new temporary directory) keeps the dataset and the trained directory with its report.
 */
public final class BootstrapCommand {

    private BootstrapCommand() {}

    public static void run(Map<String, String> options) throws Exception {
        Map<String, String> left = new HashMap<>(options);
        Path storeDir = Path.of(MlCommand.required(left, "store"));
        String events = left.remove("events");
        String work = left.remove("work");
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + left.keySet());
        }
        Path workDir = work == null ? Files.createTempDirectory("shutter-ml-bootstrap-") : Path.of(work);
        ModelStore store = ModelStore.local(storeDir);
        try (RedisStreamEventBus bus = events == null ? null : RedisStreamEventBus.create(events)) {
            ModelPublisher publisher = new ModelPublisher(store, Optional.ofNullable(bus));
            new FirstRelease(store, publisher, BootstrapCommand::train, System.out).publishIfNone(workDir);
        }
    }

    private static void train(Path dataset, Path modelDirectory) throws Exception {
        // A mutable copy: a command may take its options off the map as it reads them.
        TrainCommand.run(new HashMap<>(Map.of("data", dataset.toString(), "out", modelDirectory.toString(), "size", "quick")));
    }
}
