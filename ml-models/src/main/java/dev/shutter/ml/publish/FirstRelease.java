package dev.shutter.ml.publish;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.DatasetFiles;
import dev.shutter.ml.synthetic.SyntheticSpec;
import dev.shutter.ml.synthetic.SyntheticWorld;
import dev.shutter.models.ModelRefusedException;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A first release of the Explore models for a store that has none, so that a fresh local stack
 * serves personalised Explore without an ML engineer's help: the small synthetic dataset, trained
 * quickly, published.
 *
 * <p>Its steps are printed as lines starting with {@link #STEP}; {@code ./shutter up} shows those
 * (and only the training's other output on a terminal, in passing).
 */
public final class FirstRelease {

    /** Marks the lines that name a step, for whoever shows the progress (local-stack's launcher). */
    public static final String STEP = "bootstrap: ";
    static final SyntheticSpec DATA = SyntheticSpec.small(42);
    private static final DateTimeFormatter ATTEMPT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Trains a model directory from a dataset directory (ml-models' {@code train}). */
    @FunctionalInterface
    public interface Training {
        void train(Path dataset, Path modelDirectory) throws Exception;
    }

    private final ModelStore store;
    private final ModelPublisher publisher;
    private final Training training;
    private final PrintStream out;

    public FirstRelease(ModelStore store, ModelPublisher publisher, Training training, PrintStream out) {
        this.store = store;
        this.publisher = publisher;
        this.training = training;
        this.out = out;
    }

    /**
     * Trains and publishes a release when the store has no complete one; otherwise does nothing.
     *
     * @param work where this attempt's dataset and trained directory go (in a folder of their own,
     *     kept: the training report is worth a look)
     * @return what was published; empty when the store had a release already
     */
    public Optional<List<Publication>> publishIfNone(Path work) throws Exception {
        Optional<ModelRelease> existing = store.latestComplete(ModelRelease.EXPLORE);
        if (existing.isPresent()) {
            step("the model store has release " + existing.get().version() + ": nothing to do");
            return Optional.empty();
        }
        Path attempt = Files.createDirectories(work).resolve(ATTEMPT.format(ZonedDateTime.now(ZoneOffset.UTC)));
        Files.createDirectory(attempt);
        Path dataset = attempt.resolve("dataset");
        Path model = attempt.resolve("model");

        step("the model store has no release: a first one from synthetic data (" + attempt + ")");
        step("generating the synthetic dataset (small, seed " + DATA.seed() + ")");
        generate(dataset);
        step("training (quick)");
        training.train(dataset, model);
        TrainedModelDirectory trained = TrainedModelDirectory.read(model);
        step("publishing " + trained.version());
        // Forced: with no release in the store nothing is being served for a gate to protect, and an
        // earlier attempt that stopped half way must not keep this one out.
        List<Publication> published = publish(trained);
        step("published release " + trained.version() + ": " + published.stream()
                .map(p -> "%s %s %.4f".formatted(p.name(), p.gateMetric(), p.figure())).collect(Collectors.joining(", ")));
        return Optional.of(published);
    }

    private void generate(Path dataset) throws IOException {
        Dataset data = SyntheticWorld.generate(DATA).dataset();
        String fingerprint = DatasetFiles.write(data, dataset);
        out.printf("wrote %s: %,d items, %,d interactions, %,d follows (%s)%n", dataset, data.items().size(),
                data.interactions().size(), data.follows().size(), fingerprint);
    }

    private List<Publication> publish(TrainedModelDirectory trained) throws IOException {
        try {
            return publisher.publish(trained, true);
        } catch (ModelRefusedException e) {
            // Forced, only an immutable or out-of-order version is refused: a store that is not ours alone.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void step(String what) {
        out.println(STEP + what);
        out.flush();
    }
}
