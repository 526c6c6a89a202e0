package dev.shutter.ml.onnx;

import dev.shutter.ml.train.ItemTable;
import dev.shutter.models.TwoTower;

/** Item and user embeddings computed by the exported towers in ONNX Runtime. */
public final class TowerEmbeddings implements AutoCloseable {

    private static final int BATCH = 1024;

    private final OnnxModel itemTower;
    private final OnnxModel userTower;
    private final int dimension;

    public TowerEmbeddings(byte[] itemTower, byte[] userTower, int dimension) {
        this.itemTower = new OnnxModel(itemTower, TwoTower.itemTower(dimension));
        this.userTower = new OnnxModel(userTower, TwoTower.userTower(dimension));
        this.dimension = dimension;
    }

    public int dimension() {
        return dimension;
    }

    /** Every item's embedding, row-major [items, dimension]. */
    public float[] items(ItemTable items) {
        float[] out = new float[items.size() * dimension];
        for (int start = 0; start < items.size(); start += BATCH) {
            int n = Math.min(BATCH, items.size() - start);
            int[] rows = java.util.stream.IntStream.range(start, start + n).toArray();
            System.arraycopy(items(items, rows), 0, out, start * dimension, n * dimension);
        }
        return out;
    }

    public float[] items(ItemTable items, int[] rows) {
        ItemTable.RawInputs in = items.raw(rows);
        long n = rows.length;
        return itemTower.longs("tags", in.tags(), n, TwoTower.MAX_TAGS)
                .longs("tokens", in.tokens(), n, TwoTower.MAX_TOKENS)
                .longs("author", in.author(), n)
                .longs("media_type", in.mediaType(), n)
                .floats("visual", in.visual(), n, 3)
                .run();
    }

    /** A user's embedding from the rows of their history (newest first) in {@code itemEmbeddings}. */
    public float[] user(float[] itemEmbeddings, int[] historyRows) {
        float[] history = new float[TwoTower.HISTORY * dimension];
        float[] mask = new float[TwoTower.HISTORY];
        for (int h = 0; h < Math.min(historyRows.length, TwoTower.HISTORY); h++) {
            System.arraycopy(itemEmbeddings, historyRows[h] * dimension, history, h * dimension, dimension);
            mask[h] = 1;
        }
        return userTower.floats("history", history, 1, TwoTower.HISTORY, dimension)
                .floats("history_mask", mask, 1, TwoTower.HISTORY)
                .run();
    }

    @Override
    public void close() {
        itemTower.close();
        userTower.close();
    }
}
