package dev.shutter.ml.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.shutter.ml.train.Weights;
import dev.shutter.models.Ranker;

/**
 * The ranker, a small network: standardise (with the training set's mean and spread, fixed) →
 * dense(16) → relu → dense(1) → sigmoid. Written as ONNX by {@code RankerOnnx}, the same operations.
 */
public final class RankerNet {

    public static final int HIDDEN = 16;

    private final Weights weights;
    private final float[] mean;
    private final float[] spread;

    private RankerNet(Weights weights, float[] mean, float[] spread) {
        this.weights = weights;
        this.mean = mean;
        this.spread = spread;
    }

    public static RankerNet create(Weights weights, float[] mean, float[] spread) {
        int width = Ranker.FEATURES.size();
        weights.glorot("ranker_w1", width, HIDDEN);
        weights.zeros("ranker_b1", HIDDEN);
        weights.glorot("ranker_w2", HIDDEN, 1);
        weights.zeros("ranker_b2", 1);
        return new RankerNet(weights, mean.clone(), spread.clone());
    }

    public Weights weights() {
        return weights;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] spread() {
        return spread.clone();
    }

    /** Logits [n, 1] of feature rows [n, 6]. */
    public NDArray logits(NDArray features) {
        NDArray standard = features.sub(features.getManager().create(mean)).div(features.getManager().create(spread));
        NDArray hidden = Activation.relu(standard.matMul(weights.get("ranker_w1")).add(weights.get("ranker_b1")));
        return hidden.matMul(weights.get("ranker_w2")).add(weights.get("ranker_b2"));
    }

    public NDArray scores(NDArray features) {
        return Activation.sigmoid(logits(features));
    }
}
