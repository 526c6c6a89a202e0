package dev.shutter.ml.cli;

import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.ml.publish.ModelPublisher;
import dev.shutter.ml.publish.Publication;
import dev.shutter.ml.publish.TrainedModelDirectory;
import dev.shutter.models.ModelRefusedException;
import dev.shutter.models.ModelStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code publish --model DIR --store DIR [--events redis://HOST:PORT] [--force true]}: a trained
 * model directory's three models into the model store on a directory (the local stack's is
 * {@code <data>/blobs/models}), then {@code model.published} per model when {@code --events} names
 * the stack's Redis. Refused (nothing written, an exception, exit code 1) when any model does worse
 * on its gate figure than the version it would replace, unless forced.
 */
public final class PublishCommand {

    private PublishCommand() {}

    public static void run(Map<String, String> options) throws Exception {
        run(options, System.out);
    }

    static void run(Map<String, String> options, PrintStream out) throws Exception {
        Map<String, String> left = new HashMap<>(options);
        Path model = Path.of(MlCommand.required(left, "model"));
        Path storeDir = Path.of(MlCommand.required(left, "store"));
        String events = left.remove("events");
        boolean force = flag(left.remove("force"), "force");
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + left.keySet());
        }
        TrainedModelDirectory trained = TrainedModelDirectory.read(model);
        out.printf("publishing %s: version %s, dimension %d, trained on %s data %s%s%n", model, trained.version(),
                trained.dimension(), trained.dataSource(), trained.dataFingerprint(), force ? " (forced)" : "");
        ModelStore store = ModelStore.local(storeDir);
        List<Publication> published;
        try (RedisStreamEventBus bus = events == null ? null : RedisStreamEventBus.create(events)) {
            try {
                published = new ModelPublisher(store, Optional.ofNullable(bus)).publish(trained, force);
            } catch (ModelRefusedException e) {
                throw new ModelRefusedException("refused: " + e.getMessage());
            }
        }
        published.forEach(publication -> out.println("  " + publication.describe()));
        long written = published.stream().filter(publication -> !publication.alreadyPublished()).count();
        out.printf("wrote %d of %d models into %s; release %s is complete there%n", written, published.size(), storeDir,
                trained.version());
        if (events == null) {
            out.println("no --events: no model.published event sent; readers find " + trained.version()
                    + " when they next poll the store");
        } else {
            out.printf("model.published: %d events sent to %s%n", published.size(), events);
        }
    }

    private static boolean flag(String value, String name) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("--" + name + " takes true or false, not " + value);
    }
}
