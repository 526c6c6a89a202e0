package dev.shutter.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import dev.shutter.models.TwoTower;

/**
 * The two towers in DJL, operation for operation what {@code TwoTowerOnnx} writes as ONNX (the
 * parity test holds them to 1e-5):
 *
 * <pre>
 * item: [mean(tag rows), mean(token rows), author row, media-type row, visual]
 *       → dense(hidden) → relu → dense(dimension) → L2-normalise
 * user: m = masked mean of history → m + dense(relu(dense(m))) → L2-normalise
 * </pre>
 *
 * Tables are dense (DJL's optimisers cannot take sparse gradients), row 0 is padding and masked out.
 */
public final class TwoTowerNet {

    private final Weights weights;

    private TwoTowerNet(Weights weights) {
        this.weights = weights;
    }

    public static TwoTowerNet create(Weights weights, TowerShape shape) {
        int e = shape.featureDimension();
        weights.uniform("tag_table", 0.1f, TwoTower.TAG_BUCKETS, e);
        weights.uniform("token_table", 0.1f, TwoTower.TOKEN_BUCKETS, e);
        weights.uniform("author_table", 0.1f, TwoTower.AUTHOR_BUCKETS, e);
        weights.uniform("media_table", 0.1f, 2, e);
        weights.glorot("item_w1", shape.itemInputWidth(), shape.hidden());
        weights.zeros("item_b1", shape.hidden());
        weights.glorot("item_w2", shape.hidden(), shape.dimension());
        weights.zeros("item_b2", shape.dimension());
        weights.glorot("user_w1", shape.dimension(), shape.dimension());
        weights.zeros("user_b1", shape.dimension());
        weights.glorot("user_w2", shape.dimension(), shape.dimension());
        weights.zeros("user_b2", shape.dimension());
        return new TwoTowerNet(weights);
    }

    public Weights weights() {
        return weights;
    }

    /** Item embeddings [n, dimension] of item inputs (tags [n, 8], tokens [n, 16], author [n], media [n], visual [n, 3]). */
    public NDArray items(ItemInputs in) {
        NDArray joined = pooled(in.tags(), weights.get("tag_table"))
                .concat(pooled(in.tokens(), weights.get("token_table")), 1)
                .concat(lookup(in.author(), weights.get("author_table")), 1)
                .concat(lookup(in.mediaType(), weights.get("media_table")), 1)
                .concat(in.visual(), 1);
        NDArray hidden = Activation.relu(joined.matMul(weights.get("item_w1")).add(weights.get("item_b1")));
        return normalise(hidden.matMul(weights.get("item_w2")).add(weights.get("item_b2")));
    }

    /** User embeddings [n, dimension] of history [n, 50, dimension] under mask [n, 50]. */
    public NDArray users(NDArray history, NDArray mask) {
        NDArray mean = maskedMean(history, mask);
        NDArray hidden = Activation.relu(mean.matMul(weights.get("user_w1")).add(weights.get("user_b1")));
        return normalise(hidden.matMul(weights.get("user_w2")).add(weights.get("user_b2")).add(mean));
    }

    /** Rows of {@code table} at {@code ids}, differentiable in the table (dense gradient). */
    static NDArray lookup(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private static NDArray pooled(NDArray ids, NDArray table) {
        return maskedMean(lookup(ids, table), ids.gt(0).toType(DataType.FLOAT32, false));
    }

    private static NDArray maskedMean(NDArray rows, NDArray mask) {
        NDArray sum = rows.mul(mask.expandDims(2)).sum(new int[] {1});
        return sum.div(mask.sum(new int[] {1}, true).maximum(1f));
    }

    private static NDArray normalise(NDArray x) {
        return x.div(x.norm(new int[] {1}, true));
    }
}
