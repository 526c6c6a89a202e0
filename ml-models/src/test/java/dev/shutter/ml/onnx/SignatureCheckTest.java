package dev.shutter.ml.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.shutter.ml.train.TowerShape;
import dev.shutter.ml.train.TwoTowerNet;
import dev.shutter.ml.train.Weights;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import org.junit.jupiter.api.Test;

/** A model is loaded only as what its signature says it is. */
class SignatureCheckTest {

    @Test
    void refusesATowerOfAnotherDimensionAndAModelOfAnotherKind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TowerShape shape = TowerShape.of(16);
            TwoTowerNet net = TwoTowerNet.create(new Weights(manager, 1), shape);
            byte[] itemTower = TwoTowerOnnx.itemTower(net.weights(), shape, "t");
            byte[] userTower = TwoTowerOnnx.userTower(net.weights(), shape, "t");

            new OnnxModel(itemTower, TwoTower.itemTower(16)).close();
            assertThatThrownBy(() -> new OnnxModel(itemTower, TwoTower.itemTower(64)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("output embedding:float32[-1, 16] should be embedding:float32[-1, 64]");
            assertThatThrownBy(() -> new OnnxModel(userTower, TwoTower.itemTower(16)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing input tags")
                    .hasMessageContaining("unexpected input history");
            assertThatThrownBy(() -> new OnnxModel(itemTower, Ranker.signature()))
                    .hasMessageContaining("missing input features");
            assertThatThrownBy(() -> new OnnxModel(new byte[] {1, 2, 3}, Ranker.signature()))
                    .hasMessageContaining("ONNX Runtime cannot load the model");
        }
    }
}
