package dev.shutter.ml.onnx;

import dev.shutter.ml.train.TowerShape;
import dev.shutter.ml.train.Weights;
import dev.shutter.models.ModelSignature;
import dev.shutter.models.TensorSpec;
import dev.shutter.models.TwoTower;
import java.util.Map;

/** The towers' ONNX graphs, from trained weights: the same operations as {@code TwoTowerNet}. */
public final class TwoTowerOnnx {

    private TwoTowerOnnx() {}

    public static byte[] itemTower(Weights weights, TowerShape shape, String version) {
        ModelSignature signature = TwoTower.itemTower(shape.dimension());
        OnnxGraph g = new OnnxGraph(TwoTower.ITEM_TOWER);
        Map<String, TensorSpec> in = byName(signature);
        String tags = g.input(in.get("tags"));
        String tokens = g.input(in.get("tokens"));
        String author = g.input(in.get("author"));
        String media = g.input(in.get("media_type"));
        String visual = g.input(in.get("visual"));
        String joined = g.node("Concat", new String[] {
                pooled(g, tags, table(g, weights, "tag_table")),
                pooled(g, tokens, table(g, weights, "token_table")),
                g.node("Gather", table(g, weights, "author_table"), author),
                g.node("Gather", table(g, weights, "media_table"), media),
                visual}, Map.of("axis", 1L));
        String hidden = g.node("Relu", dense(g, weights, joined, "item_w1", "item_b1"));
        String out = g.node("LpNormalization", new String[] {dense(g, weights, hidden, "item_w2", "item_b2")},
                Map.of("axis", 1L, "p", 2L));
        g.output(out, signature.outputs().getFirst());
        return g.toModel(version);
    }

    public static byte[] userTower(Weights weights, TowerShape shape, String version) {
        ModelSignature signature = TwoTower.userTower(shape.dimension());
        OnnxGraph g = new OnnxGraph(TwoTower.USER_TOWER);
        Map<String, TensorSpec> in = byName(signature);
        String history = g.input(in.get("history"));
        String mask = g.input(in.get("history_mask"));
        String mean = maskedMean(g, history, mask);
        String hidden = g.node("Relu", dense(g, weights, mean, "user_w1", "user_b1"));
        String residual = g.node("Add", dense(g, weights, hidden, "user_w2", "user_b2"), mean);
        String out = g.node("LpNormalization", new String[] {residual}, Map.of("axis", 1L, "p", 2L));
        g.output(out, signature.outputs().getFirst());
        return g.toModel(version);
    }

    /** Mean of the table rows of the non-zero ids. */
    private static String pooled(OnnxGraph g, String ids, String table) {
        String mask = g.node("Cast", new String[] {g.node("Greater", ids, g.longs("zero", 0))},
                Map.of("to", (long) ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT.getNumber()));
        return maskedMean(g, g.node("Gather", table, ids), mask);
    }

    /** rows [n, k, d] under mask [n, k] → [n, d]. */
    private static String maskedMean(OnnxGraph g, String rows, String mask) {
        String axis1 = g.longs("axis", 1);
        String sum = g.node("ReduceSum", new String[] {g.node("Mul", rows, g.node("Unsqueeze", mask, g.longs("axis", 2))), axis1},
                Map.of("keepdims", 0L));
        String count = g.node("ReduceSum", new String[] {mask, axis1}, Map.of("keepdims", 1L));
        return g.node("Div", sum, g.node("Max", count, g.scalar("one", 1f)));
    }

    static String dense(OnnxGraph g, Weights weights, String x, String w, String b) {
        return g.node("Add", g.node("MatMul", x, table(g, weights, w)), table(g, weights, b));
    }

    private static String table(OnnxGraph g, Weights weights, String name) {
        return g.floats(name, weights.values(name), weights.shape(name));
    }

    private static Map<String, TensorSpec> byName(ModelSignature signature) {
        Map<String, TensorSpec> specs = new java.util.HashMap<>();
        signature.inputs().forEach(spec -> specs.put(spec.name(), spec));
        return specs;
    }
}
