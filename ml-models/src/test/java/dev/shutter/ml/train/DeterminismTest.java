package dev.shutter.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.synthetic.SyntheticSpec;
import dev.shutter.ml.synthetic.SyntheticWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same data and seed, same model, to the bit; another seed, another model. */
class DeterminismTest {

    private static final Dataset DATA = SyntheticWorld.generate(SyntheticSpec.small(5)).dataset();

    @Test
    void aSeedGivesTheSameWeights() {
        float[] first = train(11);
        float[] again = train(11);
        float[] other = train(12);
        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static float[] train(long seed) {
        TrainOptions options = TrainOptions.defaults(seed).withEpochs(2).withDimension(16);
        ItemTable items = new ItemTable(DATA.items());
        Histories histories = new Histories(DATA.interactions(), items);
        List<RetrievalExample> examples = RetrievalExample.of(DATA.interactions(), items, histories, 0, Long.MAX_VALUE)
                .subList(0, 1500);
        try (NDManager manager = NDManager.newBaseManager()) {
            TwoTowerNet net = TwoTowerNet.create(new Weights(manager, seed), options.shape());
            new TwoTowerTrainer(options, items, line -> {}).train(net, examples, manager);
            // The dense layers and a slice of a table: what every step touches.
            float[] w1 = net.weights().values("item_w1");
            float[] user = net.weights().values("user_w2");
            float[] joined = java.util.Arrays.copyOf(w1, w1.length + user.length);
            System.arraycopy(user, 0, joined, w1.length, user.length);
            return joined;
        }
    }
}
