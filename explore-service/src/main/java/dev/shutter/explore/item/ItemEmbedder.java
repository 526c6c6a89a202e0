package dev.shutter.explore.item;

import dev.shutter.explore.model.LoadedModel;
import dev.shutter.explore.model.ModelInputs;
import dev.shutter.models.ItemFeatures;
import dev.shutter.models.TwoTower;
import java.util.List;

/** Posts through an item tower, in batches: one embedding (L2-normalised) per post. CPU work: worker threads only. */
public final class ItemEmbedder {

    public static final int BATCH = 256;

    private ItemEmbedder() {}

    /** Embeddings of {@code items}, in order; the tower must be acquired by the caller. */
    public static float[][] embed(LoadedModel itemTower, List<CatalogItem> items) {
        float[][] out = new float[items.size()][];
        for (int start = 0; start < items.size(); start += BATCH) {
            List<CatalogItem> batch = items.subList(start, Math.min(items.size(), start + BATCH));
            float[] flat = batch(itemTower, batch);
            int dimension = flat.length / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                float[] vector = new float[dimension];
                System.arraycopy(flat, i * dimension, vector, 0, dimension);
                out[start + i] = vector;
            }
        }
        return out;
    }

    private static float[] batch(LoadedModel itemTower, List<CatalogItem> batch) {
        int n = batch.size();
        long[] tags = new long[n * TwoTower.MAX_TAGS];
        long[] tokens = new long[n * TwoTower.MAX_TOKENS];
        long[] author = new long[n];
        long[] mediaType = new long[n];
        float[] visual = new float[n * 3];
        for (int i = 0; i < n; i++) {
            ItemFeatures f = batch.get(i).features();
            System.arraycopy(f.tags(), 0, tags, i * TwoTower.MAX_TAGS, TwoTower.MAX_TAGS);
            System.arraycopy(f.tokens(), 0, tokens, i * TwoTower.MAX_TOKENS, TwoTower.MAX_TOKENS);
            author[i] = f.author();
            mediaType[i] = f.mediaType();
            System.arraycopy(f.visual(), 0, visual, i * 3, 3);
        }
        return new ModelInputs()
                .longs("tags", tags, n, TwoTower.MAX_TAGS)
                .longs("tokens", tokens, n, TwoTower.MAX_TOKENS)
                .longs("author", author, n)
                .longs("media_type", mediaType, n)
                .floats("visual", visual, n, 3)
                .runOn(itemTower);
    }
}
