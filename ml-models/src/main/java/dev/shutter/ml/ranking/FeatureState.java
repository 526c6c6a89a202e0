package dev.shutter.ml.ranking;

import dev.shutter.ml.dataset.Interaction;
import dev.shutter.ml.dataset.Item;
import dev.shutter.ml.train.Histories;
import dev.shutter.ml.train.ItemTable;
import dev.shutter.models.Ranker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ranker's features are computed from, as of one moment: engagement counts before it,
 * each author's engagement rate over the 7 days before it, and the users' histories. The
 * definitions are {@link Ranker#FEATURES}'; explore-service computes the same from its events.
 */
public final class FeatureState {

    static final Duration AUTHOR_WINDOW = Duration.ofDays(7);

    private final ItemTable items;
    private final Histories histories;
    private final long atMillis;
    private final int[] engagements;
    private final Map<Long, Double> authorRate = new HashMap<>();
    private final int[][] tagIds;

    public FeatureState(ItemTable items, Histories histories, List<Interaction> interactions, long atMillis) {
        this.items = items;
        this.histories = histories;
        this.atMillis = atMillis;
        this.engagements = new int[items.size()];
        long windowStart = atMillis - AUTHOR_WINDOW.toMillis();
        Map<Long, Integer> authorEngagements = new HashMap<>();
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
        Map<Long, Integer> authorPosts = new HashMap<>();
        Map<String, Integer> tagIndex = new HashMap<>();
        tagIds = new int[items.size()][];
        for (int row = 0; row < items.size(); row++) {
            Item item = items.item(row);
            if (item.createdAtMillis() >= windowStart && item.createdAtMillis() < atMillis) {
                authorPosts.merge(item.authorId(), 1, Integer::sum);
            }
            tagIds[row] = item.hashtags().stream().mapToInt(tag -> tagIndex.computeIfAbsent(tag, t -> tagIndex.size())).toArray();
        }
        authorEngagements.forEach((author, count) ->
                authorRate.put(author, Math.log1p(count / (double) Math.max(1, authorPosts.getOrDefault(author, 0)))));
    }

    public long atMillis() {
        return atMillis;
    }

    public int engagements(int row) {
        return engagements[row];
    }

    /** The user's history as of this moment, newest first. */
    public int[] history(long user) {
        return histories.before(user, atMillis);
    }

    /**
     * Feature rows [candidates, 6] for one user, in {@link Ranker#FEATURES}' order.
     *
     * @param cosines the towers' cosine of each candidate
     */
    public float[] rows(int[] history, int[] candidates, float[] cosines) {
        int width = Ranker.FEATURES.size();
        float[] out = new float[candidates.length * width];
        for (int i = 0; i < candidates.length; i++) {
            int row = candidates[i];
            Item item = items.item(row);
            int o = i * width;
            out[o] = cosines[i];
            out[o + 1] = (float) ((atMillis - item.createdAtMillis()) / 3_600_000.0);
            out[o + 2] = authorRate.getOrDefault(item.authorId(), 0.0).floatValue();
            out[o + 3] = tagAffinity(history, row);
            out[o + 4] = item.mediaType() == Item.MediaType.VIDEO ? 1 : 0;
            out[o + 5] = (float) Math.log1p(engagements[row]);
        }
        return out;
    }

    /** The share of the history's items that carry one of the item's tags. */
    private float tagAffinity(int[] history, int row) {
        if (history.length == 0 || tagIds[row].length == 0) {
            return 0;
        }
        int sharing = 0;
        for (int past : history) {
            if (sharesTag(tagIds[past], tagIds[row])) {
                sharing++;
            }
        }
        return sharing / (float) history.length;
    }

    private static boolean sharesTag(int[] a, int[] b) {
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }
}
