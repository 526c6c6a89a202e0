package dev.shutter.ml.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.shutter.ml.ranking.RankerExamples;
import dev.shutter.ml.ranking.RankerTrainer;
import dev.shutter.models.Ranker;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exported ranker in ONNX Runtime scores what the trained one scores in DJL, to 1e-5. */
class RankerParityTest {

    @Test
    void exportedRankerMatchesTheTrainedOne() {
        int width = Ranker.FEATURES.size();
        SplittableRandom random = new SplittableRandom(3);
        int n = 4000;
        float[] features = new float[n * width];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < width; f++) {
                features[i * width + f] = (float) (random.nextGaussian() * (f + 1) + f * 10);
            }
            // Engaged when the cosine is high and the post young: something to learn.
            labels[i] = features[i * width] > 0.5 && features[i * width + 1] < 12 ? 1 : 0;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            RankerTrainer.Result trained = new RankerTrainer(5, 3, line -> {}).train(new RankerExamples(features, labels), manager);
            float[] rows = java.util.Arrays.copyOf(features, 500 * width);
            float[] djl = trained.net().scores(manager.create(rows, new Shape(500, width))).toFloatArray();
            try (OnnxModel onnx = new OnnxModel(RankerOnnx.of(trained.net(), "t"), Ranker.signature())) {
                float[] exported = onnx.floats("features", rows, 500, width).run();
                double error = TwoTowerParityTest.maxDifference(djl, exported);
                System.out.printf("parity: ranker max |DJL - ONNX Runtime| = %.2e%n", error);
                assertThat(error).isLessThanOrEqualTo(1e-5);
                for (float score : exported) {
                    assertThat(score).isBetween(0f, 1f);
                }
            }
        }
    }
}
