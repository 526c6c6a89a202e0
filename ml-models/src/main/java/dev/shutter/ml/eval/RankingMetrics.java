package dev.shutter.ml.eval;

import java.util.Set;

/** Binary-relevance retrieval metrics of one ranked list against the items a user went on to engage with. */
public final class RankingMetrics {

    private RankingMetrics() {}

    /** Share of the relevant items in the first {@code k}. */
    public static double recall(int[] ranked, Set<Integer> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("recall needs at least one relevant item");
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.length); i++) {
            if (relevant.contains(ranked[i])) {
                hits++;
            }
        }
        return hits / (double) relevant.size();
    }

    /** Discounted gain of the first {@code k} over the best possible (all relevant items first). */
    public static double ndcg(int[] ranked, Set<Integer> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("NDCG needs at least one relevant item");
        }
        double gain = 0;
        for (int i = 0; i < Math.min(k, ranked.length); i++) {
            if (relevant.contains(ranked[i])) {
                gain += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return gain / ideal;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
