package dev.shutter.ml.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.shutter.models.TwoTower;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains the towers with an in-batch sampled softmax: each user's next item against the other
 * items of the batch, with the logQ correction (Yi et al., RecSys 2019) subtracting each item's
 * log sampling probability so popular items are not punished for being everyone's negative.
 */
public final class TwoTowerTrainer {

    /** Masks another row's copy of the same positive: it is not a negative. */
    private static final float SAME_ITEM = -1e9f;
    /** A long epoch reports how far it is this often. */
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final TrainOptions options;
    private final ItemTable items;
    private final Consumer<String> progress;

    public TwoTowerTrainer(TrainOptions options, ItemTable items, Consumer<String> progress) {
        this.options = options;
        this.items = items;
        this.progress = progress;
    }

    /** Loss per epoch, and how fast it went. */
    public record Log(List<Double> epochLoss, double examplesPerSecond, double seconds) {}

    public Log train(TwoTowerNet net, List<RetrievalExample> examples, NDManager manager) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training pairs: no user engaged twice before the hold-out");
        }
        float[] logQ = logSamplingProbability(examples);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build();
        List<RetrievalExample> order = new ArrayList<>(examples);
        List<Double> epochLoss = new ArrayList<>();
        long started = System.nanoTime();
        int batches = (order.size() + options.batchSize() - 1) / options.batchSize();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            java.util.Collections.shuffle(order, new SplittableRandom(options.seed() * 31 + epoch));
            long epochStarted = System.nanoTime();
            double lossSum = 0;
            long reported = epochStarted;
            int done = 0;
            for (int b = 0; b < batches; b++) {
                List<RetrievalExample> batch = order.subList(b * options.batchSize(),
                        Math.min(order.size(), (b + 1) * options.batchSize()));
                lossSum += step(net, batch, logQ, adam, manager) * batch.size();
                done += batch.size();
                long now = System.nanoTime();
                if (now - reported > PROGRESS_EVERY_NANOS && b < batches - 1) {
                    reported = now;
                    progress.accept("towers  epoch %d/%d  batch %d/%d  loss %.4f  %,.0f pairs/s".formatted(epoch,
                            options.epochs(), b + 1, batches, lossSum / done, done / ((now - epochStarted) / 1e9)));
                }
            }
            double loss = lossSum / order.size();
            epochLoss.add(loss);
            double seconds = (System.nanoTime() - epochStarted) / 1e9;
            progress.accept("towers  epoch %d/%d  loss %.4f  %,.0f pairs/s  (%.1f s)".formatted(epoch, options.epochs(), loss,
                    order.size() / seconds, seconds));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Log(epochLoss, (double) order.size() * options.epochs() / seconds, seconds);
    }

    private double step(TwoTowerNet net, List<RetrievalExample> batch, float[] logQ, Optimizer adam, NDManager manager) {
        int n = batch.size();
        Map<Integer, Integer> local = new LinkedHashMap<>();
        long[] history = new long[n * TwoTower.HISTORY];
        float[] mask = new float[n * TwoTower.HISTORY];
        long[] positive = new long[n];
        float[] correction = new float[n];
        for (int i = 0; i < n; i++) {
            RetrievalExample example = batch.get(i);
            for (int h = 0; h < example.history().length; h++) {
                history[i * TwoTower.HISTORY + h] = local.computeIfAbsent(example.history()[h], r -> local.size());
                mask[i * TwoTower.HISTORY + h] = 1;
            }
            positive[i] = local.computeIfAbsent(example.positive(), r -> local.size());
            correction[i] = logQ[example.positive()];
        }
        float[] sameItem = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && positive[i] == positive[j]) {
                    sameItem[i * n + j] = SAME_ITEM;
                }
            }
        }
        int[] rows = local.keySet().stream().mapToInt(Integer::intValue).toArray();
        try (NDManager step = manager.newSubManager()) {
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray embeddings = net.items(items.inputs(step, rows));
                NDArray histories = TwoTowerNet.lookup(step.create(history, new Shape(n, TwoTower.HISTORY)), embeddings);
                NDArray users = net.users(histories, step.create(mask, new Shape(n, TwoTower.HISTORY)));
                NDArray positives = TwoTowerNet.lookup(step.create(positive, new Shape(n)), embeddings);
                NDArray logits = users.matMul(positives.transpose()).div(options.temperature())
                        .sub(step.create(correction, new Shape(1, n)))
                        .add(step.create(sameItem, new Shape(n, n)));
                NDArray lossArray = logits.logSoftmax(1).mul(step.eye(n)).sum().div(-n);
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
            net.weights().step(adam, step);
            return loss;
        }
    }

    /** log(count / total) of each item as a positive; items never seen get the rarest's. */
    private float[] logSamplingProbability(List<RetrievalExample> examples) {
        int[] counts = new int[items.size()];
        examples.forEach(e -> counts[e.positive()]++);
        float[] logQ = new float[items.size()];
        for (int row = 0; row < logQ.length; row++) {
            logQ[row] = (float) Math.log(Math.max(counts[row], 1) / (double) examples.size());
        }
        return logQ;
    }
}
