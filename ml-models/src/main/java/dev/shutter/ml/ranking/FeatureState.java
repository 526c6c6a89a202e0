package dev.shutter.ml.ranking;

import dev.shutter.ml.dataset.Interaction;
import dev.shutter.ml.dataset.Item;
import dev.shutter.ml.train.ItemTable;
import dev.shutter.models.Ranker;
import dev.shutter.models.RankerFeatures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ranker's features are computed from, as of one moment: engagement counts before it,
 * each author's engagements and posts over the window before it. The values are {@link
 * RankerFeatures}' (explore-service computes them the same way from its events).
 */
public final class FeatureState {

    private final ItemTable items;
    private final long atMillis;
    private final int[] engagements;
    private final Map<Long, Integer> authorEngagements = new HashMap<>();
    private final Map<Long, Integer> authorPosts = new HashMap<>();

    public FeatureState(ItemTable items, List<Interaction> interactions, long atMillis) {
        this.items = items;
        this.atMillis = atMillis;
        this.engagements = new int[items.size()];
        long windowStart = atMillis - RankerFeatures.AUTHOR_WINDOW.toMillis();
        for (Interaction interaction : interactions) {
            int row = items.rowOf(interaction.postId());
            if (row < 0 || interaction.atMillis() >= atMillis) {
                continue;
            }
            engagements[row]++;
            if (interaction.atMillis() >= windowStart) {
                authorEngagements.merge(items.item(row).authorId(), 1, Integer::sum);
            }
        }
        for (int row = 0; row < items.size(); row++) {
            Item item = items.item(row);
            if (item.createdAtMillis() >= windowStart && item.createdAtMillis() < atMillis) {
                authorPosts.merge(item.authorId(), 1, Integer::sum);
            }
        }
    }

    public long atMillis() {
        return atMillis;
    }

    public int engagements(int row) {
        return engagements[row];
    }

    /**
     * Feature rows [candidates, 6] for one user, in {@link Ranker#FEATURES}' order.
     *
     * @param cosines the towers' cosine of each candidate
     */
    public float[] rows(int[] history, int[] candidates, float[] cosines) {
        int width = Ranker.FEATURES.size();
        long[][] historyTags = new long[history.length][];
        for (int h = 0; h < history.length; h++) {
            historyTags[h] = items.tags(history[h]);
        }
        float[] out = new float[candidates.length * width];
        for (int i = 0; i < candidates.length; i++) {
            int row = candidates[i];
            Item item = items.item(row);
            float[] features = RankerFeatures.row(cosines[i], (atMillis - item.createdAtMillis()) / 3_600_000.0,
                    authorEngagements.getOrDefault(item.authorId(), 0), authorPosts.getOrDefault(item.authorId(), 0),
                    RankerFeatures.tagAffinity(historyTags, items.tags(row)), item.mediaType() == Item.MediaType.VIDEO,
                    engagements[row]);
            System.arraycopy(features, 0, out, i * width, width);
        }
        return out;
    }
}
