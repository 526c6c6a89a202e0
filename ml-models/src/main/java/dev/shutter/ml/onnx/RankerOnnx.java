package dev.shutter.ml.onnx;

import dev.shutter.ml.ranking.RankerNet;
import dev.shutter.models.ModelSignature;
import dev.shutter.models.Ranker;
import java.util.Map;

/** The ranker's ONNX graph: the same operations as {@link RankerNet}. */
public final class RankerOnnx {

    private RankerOnnx() {}

    public static byte[] of(RankerNet net, String version) {
        ModelSignature signature = Ranker.signature();
        OnnxGraph g = new OnnxGraph(Ranker.NAME);
        String features = g.input(signature.inputs().getFirst());
        int width = Ranker.FEATURES.size();
        String standard = g.node("Div", g.node("Sub", features, g.floats("mean", net.mean(), width)),
                g.floats("spread", net.spread(), width));
        String hidden = g.node("Relu", TwoTowerOnnx.dense(g, net.weights(), standard, "ranker_w1", "ranker_b1"));
        String score = g.node("Sigmoid", new String[] {TwoTowerOnnx.dense(g, net.weights(), hidden, "ranker_w2", "ranker_b2")},
                Map.of());
        g.output(score, signature.outputs().getFirst());
        return g.toModel(version);
    }
}
