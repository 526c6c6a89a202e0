package dev.shutter.ml.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.synthetic.SyntheticSpec;
import dev.shutter.ml.synthetic.SyntheticWorld;
import dev.shutter.ml.train.Histories;
import dev.shutter.ml.train.ItemTable;
import dev.shutter.ml.train.RetrievalExample;
import dev.shutter.ml.train.TrainOptions;
import dev.shutter.ml.train.TwoTowerNet;
import dev.shutter.ml.train.TwoTowerTrainer;
import dev.shutter.ml.train.Weights;
import dev.shutter.models.TwoTower;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The exported towers in ONNX Runtime give what the trained ones give in DJL, to 1e-5. */
class TwoTowerParityTest {

    @Test
    void exportedTowersMatchTheTrainedOnes() {
        Dataset dataset = SyntheticWorld.generate(SyntheticSpec.small(7)).dataset();
        ItemTable items = new ItemTable(dataset.items());
        TrainOptions options = TrainOptions.defaults(7).withEpochs(1).withDimension(16);
        try (NDManager manager = NDManager.newBaseManager()) {
            TwoTowerNet net = TwoTowerNet.create(new Weights(manager, 7), options.shape());
            Histories histories = new Histories(dataset.interactions(), items);
            List<RetrievalExample> examples = RetrievalExample.of(dataset.interactions(), items, histories, 0, Long.MAX_VALUE);
            // Trained a little, so the weights are not their symmetric start.
            new TwoTowerTrainer(options, items, line -> {}).train(net, examples.subList(0, 2048), manager);

            int[] rows = IntStream.range(0, 300).map(i -> i * 17 % items.size()).toArray();
            float[] djlItems = net.items(items.inputs(manager, rows)).toFloatArray();
            try (TowerEmbeddings onnx = new TowerEmbeddings(TwoTowerOnnx.itemTower(net.weights(), options.shape(), "t"),
                    TwoTowerOnnx.userTower(net.weights(), options.shape(), "t"), 16)) {
                float[] onnxItems = onnx.items(items, rows);
                double itemError = maxDifference(djlItems, onnxItems);
                System.out.printf("parity: item tower max |DJL - ONNX Runtime| = %.2e%n", itemError);
                assertThat(itemError).isLessThanOrEqualTo(1e-5);

                float[] all = onnx.items(items);
                int[] history = examples.get(500).history();
                float[] onnxUser = onnx.user(all, history);
                float[] padded = new float[TwoTower.HISTORY * 16];
                float[] mask = new float[TwoTower.HISTORY];
                for (int h = 0; h < history.length; h++) {
                    System.arraycopy(all, history[h] * 16, padded, h * 16, 16);
                    mask[h] = 1;
                }
                NDArray djlUser = net.users(manager.create(padded, new Shape(1, TwoTower.HISTORY, 16)),
                        manager.create(mask, new Shape(1, TwoTower.HISTORY)));
                double userError = maxDifference(djlUser.toFloatArray(), onnxUser);
                System.out.printf("parity: user tower max |DJL - ONNX Runtime| = %.2e%n", userError);
                assertThat(userError).isLessThanOrEqualTo(1e-5);
            }
        }
    }

    static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
