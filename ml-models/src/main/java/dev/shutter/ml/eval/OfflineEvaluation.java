package dev.shutter.ml.eval;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.onnx.OnnxModel;
import dev.shutter.ml.onnx.TowerEmbeddings;
import dev.shutter.ml.train.Histories;
import dev.shutter.ml.train.ItemTable;
import dev.shutter.ml.train.TimeSplit;
import dev.shutter.ml.train.TrainingRun;
import dev.shutter.ml.ranking.FeatureState;
import dev.shutter.models.Ranker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The offline figures on the hold-out: retrieval by the towers, by popularity and at random
 * (recall@K, NDCG@50 over what Explore could show), then the towers' candidates in the ranker's
 * order against retrieval, popularity and random order (NDCG@50).
 */
public final class OfflineEvaluation {

    public static final int[] RECALL_AT = {10, 20, 50, 100, 200, 500};
    public static final int NDCG_AT = 50;
    public static final String TOWERS = "twoTower";
    public static final String POPULARITY = "popularity";
    public static final String RANDOM = "random";
    public static final String RANKER = "ranker";
    public static final String RETRIEVAL_ORDER = "retrievalOrder";

    private OfflineEvaluation() {}

    /** Mean figures per method: {@code method → metric → value}; metrics {@code recall@K}, {@code ndcg@50}. */
    public record Figures(int users, Map<String, Map<String, Double>> retrieval, Map<String, Double> ranking) {

        public String summary() {
            Map<String, Double> t = retrieval.get(TOWERS);
            Map<String, Double> p = retrieval.get(POPULARITY);
            Map<String, Double> r = retrieval.get(RANDOM);
            return ("evaluated %,d users: recall@100 towers %.3f, popularity %.3f, random %.3f (%.1fx popularity); "
                    + "ndcg@50 ranker %.3f, retrieval order %.3f, popularity %.3f, random %.3f")
                    .formatted(users, t.get("recall@100"), p.get("recall@100"), r.get("recall@100"),
                            t.get("recall@100") / p.get("recall@100"), ranking.get(RANKER), ranking.get(RETRIEVAL_ORDER),
                            ranking.get(POPULARITY), ranking.get(RANDOM));
        }
    }

    /**
     * The figures of exported models on a dataset's hold-out: each user as Explore would have served
     * them at the hold-out's start, against what they engaged with after it.
     */
    public static Figures onHoldout(Dataset dataset, ItemTable items, Histories histories, TimeSplit split,
            TowerEmbeddings towers, float[] itemEmbeddings, byte[] ranker, int maxUsers, long seed) {
        List<UserCase> cases = UserCase.at(split.holdoutStartMillis(), split.endMillis(), items, histories, towers,
                itemEmbeddings, TrainingRun.CANDIDATES, maxUsers, seed + 1);
        FeatureState state = new FeatureState(items, dataset.interactions(), split.holdoutStartMillis());
        try (OnnxModel rankerModel = new OnnxModel(ranker, Ranker.signature())) {
            return run(cases, state, rankerModel, seed);
        }
    }

    public static Figures run(List<UserCase> cases, FeatureState state, OnnxModel ranker, long seed) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no user engaged with a showable post in the hold-out: nothing to evaluate");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Map<String, Mean>> retrieval = new LinkedHashMap<>();
        Map<String, Mean> ranking = new LinkedHashMap<>();
        int[] byPopularity = Arrays.stream(cases.getFirst().corpus()).boxed()
                .sorted(Comparator.comparingInt((Integer row) -> -state.engagements(row)).thenComparingInt(row -> row))
                .mapToInt(Integer::intValue).toArray();
        int depth = RECALL_AT[RECALL_AT.length - 1];
        for (UserCase c : cases) {
            int[] towers = c.candidates().rows();
            int[] popular = Arrays.stream(byPopularity).filter(row -> !c.seen().contains(row)).limit(depth).toArray();
            int[] shuffled = shuffled(Arrays.stream(c.corpus()).filter(row -> !c.seen().contains(row)).toArray(), random);
            add(retrieval, TOWERS, towers, c);
            add(retrieval, POPULARITY, popular, c);
            add(retrieval, RANDOM, Arrays.copyOf(shuffled, Math.min(depth, shuffled.length)), c);

            float[] scores = ranker.floats("features", state.rows(c.history(), towers, c.candidates().cosines()),
                    towers.length, Ranker.FEATURES.size()).run();
            ranking.computeIfAbsent(RANKER, k -> new Mean()).add(RankingMetrics.ndcg(byScore(towers, scores), c.engagedAfter(), NDCG_AT));
            ranking.computeIfAbsent(RETRIEVAL_ORDER, k -> new Mean()).add(RankingMetrics.ndcg(towers, c.engagedAfter(), NDCG_AT));
            float[] engagement = new float[towers.length];
            for (int i = 0; i < towers.length; i++) {
                engagement[i] = state.engagements(towers[i]);
            }
            ranking.computeIfAbsent(POPULARITY, k -> new Mean()).add(RankingMetrics.ndcg(byScore(towers, engagement), c.engagedAfter(), NDCG_AT));
            ranking.computeIfAbsent(RANDOM, k -> new Mean()).add(RankingMetrics.ndcg(shuffled(towers, random), c.engagedAfter(), NDCG_AT));
        }
        Map<String, Map<String, Double>> retrievalFigures = new LinkedHashMap<>();
        retrieval.forEach((method, metrics) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.forEach((metric, mean) -> values.put(metric, mean.value()));
            retrievalFigures.put(method, values);
        });
        Map<String, Double> rankingFigures = new LinkedHashMap<>();
        ranking.forEach((method, mean) -> rankingFigures.put(method, mean.value()));
        return new Figures(cases.size(), retrievalFigures, rankingFigures);
    }

    private static void add(Map<String, Map<String, Mean>> figures, String method, int[] ranked, UserCase c) {
        Map<String, Mean> metrics = figures.computeIfAbsent(method, m -> new LinkedHashMap<>());
        for (int k : RECALL_AT) {
            metrics.computeIfAbsent("recall@" + k, x -> new Mean()).add(RankingMetrics.recall(ranked, c.engagedAfter(), k));
        }
        metrics.computeIfAbsent("ndcg@" + NDCG_AT, x -> new Mean()).add(RankingMetrics.ndcg(ranked, c.engagedAfter(), NDCG_AT));
    }

    /** Rows by descending score; ties keep the given (retrieval) order. */
    private static int[] byScore(int[] rows, float[] scores) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Float.compare(scores[b], scores[a]));
        return order.stream().mapToInt(i -> rows[i]).toArray();
    }

    private static int[] shuffled(int[] rows, SplittableRandom random) {
        int[] copy = rows.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }

    private static final class Mean {
        private double sum;
        private int count;

        void add(double value) {
            sum += value;
            count++;
        }

        double value() {
            return sum / count;
        }
    }
}
