package dev.shutter.ml.ranking;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.shutter.ml.train.Weights;
import dev.shutter.models.Ranker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Trains the ranker on retrieval candidates labelled engaged or not, by binary cross-entropy. */
public final class RankerTrainer {

    private static final int BATCH = 1024;

    private final int epochs;
    private final long seed;
    private final Consumer<String> progress;

    public RankerTrainer(int epochs, long seed, Consumer<String> progress) {
        this.epochs = epochs;
        this.seed = seed;
        this.progress = progress;
    }

    public record Result(RankerNet net, List<Double> epochLoss, double seconds) {}

    public Result train(RankerExamples examples, NDManager manager) {
        if (examples.positives() == 0) {
            throw new IllegalArgumentException("the ranker has no engaged candidate to learn from");
        }
        int width = Ranker.FEATURES.size();
        float[] mean = new float[width];
        float[] spread = new float[width];
        standardisation(examples, mean, spread);
        RankerNet net = RankerNet.create(new Weights(manager, seed + 1), mean, spread);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build();
        List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, examples.size()).boxed().toList());
        List<Double> epochLoss = new ArrayList<>();
        long started = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            java.util.Collections.shuffle(order, new SplittableRandom(seed * 17 + epoch));
            double sum = 0;
            for (int start = 0; start < order.size(); start += BATCH) {
                int n = Math.min(BATCH, order.size() - start);
                sum += step(net, examples, order, start, n, adam, manager) * n;
            }
            epochLoss.add(sum / order.size());
            if (epoch == epochs || epoch % Math.max(1, epochs / 5) == 0) {
                progress.accept("ranker  epoch %d/%d  loss %.4f".formatted(epoch, epochs, sum / order.size()));
            }
        }
        return new Result(net, epochLoss, (System.nanoTime() - started) / 1e9);
    }

    private double step(RankerNet net, RankerExamples examples, List<Integer> order, int start, int n, Optimizer adam,
            NDManager manager) {
        int width = Ranker.FEATURES.size();
        float[] x = new float[n * width];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int row = order.get(start + i);
            System.arraycopy(examples.features(), row * width, x, i * width, width);
            y[i] = examples.labels()[row];
        }
        try (NDManager step = manager.newSubManager()) {
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.logits(step.create(x, new Shape(n, width)));
                NDArray labels = step.create(y, new Shape(n, 1));
                // log(1 + e^z) - y z: the logistic loss, stable for large |z|.
                NDArray lossArray = Activation.softPlus(logits).sub(logits.mul(labels)).mean();
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
            net.weights().step(adam, step);
            return loss;
        }
    }

    private static void standardisation(RankerExamples examples, float[] mean, float[] spread) {
        int width = mean.length;
        double[] sum = new double[width];
        double[] squares = new double[width];
        int n = examples.size();
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < width; f++) {
                double v = examples.features()[i * width + f];
                sum[f] += v;
                squares[f] += v * v;
            }
        }
        for (int f = 0; f < width; f++) {
            double m = sum[f] / n;
            mean[f] = (float) m;
            // A constant column (no videos, say) is left as is rather than divided by zero.
            spread[f] = (float) Math.max(Math.sqrt(Math.max(squares[f] / n - m * m, 0)), 1e-3);
        }
    }
}
