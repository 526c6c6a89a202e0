package dev.shutter.ml.train;

import ai.djl.ndarray.NDManager;
import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.eval.OfflineEvaluation;
import dev.shutter.ml.eval.UserCase;
import dev.shutter.ml.onnx.RankerOnnx;
import dev.shutter.ml.onnx.TowerEmbeddings;
import dev.shutter.ml.onnx.TwoTowerOnnx;
import dev.shutter.ml.ranking.FeatureState;
import dev.shutter.ml.ranking.RankerData;
import dev.shutter.ml.ranking.RankerExamples;
import dev.shutter.ml.ranking.RankerTrainer;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One training run, end to end: split the data by time, train the towers, export them, train the
 * ranker on the towers' candidates, export it, and evaluate the exported models (the bytes
 * explore-service will run) on the hold-out against popularity and random.
 */
public final class TrainingRun {

    /** Candidates per user, as explore-service retrieves. */
    public static final int CANDIDATES = 500;
    public static final double HOLDOUT_FRACTION = 0.1;
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** {@code rankerEpochs} over the ranker's examples; {@code maxUsers} users per evaluation moment. */
    public record Settings(TrainOptions towers, int rankerEpochs, int maxUsers) {

        public static Settings standard(long seed) {
            return new Settings(TrainOptions.defaults(seed), 20, 2000);
        }

        /** What ./shutter up trains on a fresh stack: fewer passes, still well past the baselines. */
        public static Settings quick(long seed) {
            return new Settings(TrainOptions.defaults(seed).withEpochs(3), 10, 600);
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public TrainingRun(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public TrainedModels run(Dataset dataset, String fingerprint) {
        long started = System.nanoTime();
        TrainOptions options = settings.towers();
        TimeSplit split = TimeSplit.of(dataset.interactions(), HOLDOUT_FRACTION);
        ItemTable items = new ItemTable(dataset.items());
        Histories histories = new Histories(dataset.interactions(), items);
        List<RetrievalExample> examples = RetrievalExample.of(dataset.interactions(), items, histories, split.startMillis(),
                split.holdoutStartMillis());
        String version = VERSION_TIME.format(Instant.now()) + "-" + fingerprint.replaceAll("[^a-f0-9]", "").substring(0, 8);
        progress.accept("training %s on %,d items, %,d pairs (hold-out from %s)".formatted(version, items.size(),
                examples.size(), Instant.ofEpochMilli(split.holdoutStartMillis())));
        try (NDManager manager = NDManager.newBaseManager()) {
            TwoTowerNet towers = TwoTowerNet.create(new Weights(manager, options.seed()), options.shape());
            TwoTowerTrainer.Log towerLog = new TwoTowerTrainer(options, items, progress).train(towers, examples, manager);
            byte[] itemTower = TwoTowerOnnx.itemTower(towers.weights(), options.shape(), version);
            byte[] userTower = TwoTowerOnnx.userTower(towers.weights(), options.shape(), version);
            try (TowerEmbeddings embeddings = new TowerEmbeddings(itemTower, userTower, options.shape().dimension())) {
                float[] itemEmbeddings = embeddings.items(items);
                List<UserCase> rankerCases = UserCase.at(split.rankerStartMillis(), split.holdoutStartMillis(), items,
                        histories, embeddings, itemEmbeddings, CANDIDATES, settings.maxUsers(), options.seed());
                FeatureState rankerState = new FeatureState(items, dataset.interactions(), split.rankerStartMillis());
                RankerExamples rankerExamples = RankerData.of(rankerCases, rankerState);
                progress.accept("ranker  %,d candidates of %,d users, %,d engaged".formatted(rankerExamples.size(),
                        rankerCases.size(), rankerExamples.positives()));
                RankerTrainer.Result ranked = new RankerTrainer(settings.rankerEpochs(), options.seed(), progress)
                        .train(rankerExamples, manager);
                byte[] ranker = RankerOnnx.of(ranked.net(), version);

                progress.accept("evaluating on the hold-out");
                OfflineEvaluation.Figures figures = OfflineEvaluation.onHoldout(dataset, items, histories, split, embeddings,
                        itemEmbeddings, ranker, settings.maxUsers(), options.seed());
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, List<Double>> loss = new LinkedHashMap<>();
                loss.put("towers", towerLog.epochLoss());
                loss.put("ranker", ranked.epochLoss());
                Map<String, Object> parameters = new LinkedHashMap<>(options.describe());
                parameters.put("rankerEpochs", settings.rankerEpochs());
                parameters.put("rankerHidden", dev.shutter.ml.ranking.RankerNet.HIDDEN);
                parameters.put("holdoutFraction", HOLDOUT_FRACTION);
                parameters.put("candidates", CANDIDATES);
                Map<String, Map<String, Double>> metrics = metrics(figures);
                Map<String, Object> report = report(version, dataset, fingerprint, split, examples.size(), towerLog, ranked,
                        rankerExamples, figures, parameters, seconds);
                progress.accept(figures.summary() + "; %.1f s in all".formatted(seconds));
                return new TrainedModels(version, options.shape().dimension(), fingerprint, dataset.source(), parameters,
                        itemTower, userTower, ranker, metrics, report, loss, figures.retrieval());
            }
        }
    }

    private static Map<String, Map<String, Double>> metrics(OfflineEvaluation.Figures figures) {
        Map<String, Double> towers = new LinkedHashMap<>();
        Map<String, Double> twoTower = figures.retrieval().get(OfflineEvaluation.TOWERS);
        towers.put("recall@100", twoTower.get("recall@100"));
        towers.put("ndcg@50", twoTower.get("ndcg@50"));
        towers.put("popularity.recall@100", figures.retrieval().get(OfflineEvaluation.POPULARITY).get("recall@100"));
        towers.put("random.recall@100", figures.retrieval().get(OfflineEvaluation.RANDOM).get("recall@100"));
        Map<String, Double> ranker = new LinkedHashMap<>();
        ranker.put("ndcg@50", figures.ranking().get(OfflineEvaluation.RANKER));
        ranker.put("retrievalOrder.ndcg@50", figures.ranking().get(OfflineEvaluation.RETRIEVAL_ORDER));
        ranker.put("popularity.ndcg@50", figures.ranking().get(OfflineEvaluation.POPULARITY));
        ranker.put("random.ndcg@50", figures.ranking().get(OfflineEvaluation.RANDOM));
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put(TwoTower.ITEM_TOWER, towers);
        metrics.put(TwoTower.USER_TOWER, towers);
        metrics.put(Ranker.NAME, ranker);
        return metrics;
    }

    private static Map<String, Object> report(String version, Dataset dataset, String fingerprint, TimeSplit split,
            int pairs, TwoTowerTrainer.Log towerLog, RankerTrainer.Result ranked, RankerExamples rankerExamples,
            OfflineEvaluation.Figures figures, Map<String, Object> parameters, double seconds) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", version);
        report.put("data", Map.of("source", dataset.source(), "fingerprint", fingerprint, "items", dataset.items().size(),
                "interactions", dataset.interactions().size()));
        report.put("split", Map.of("start", Instant.ofEpochMilli(split.startMillis()).toString(),
                "rankerStart", Instant.ofEpochMilli(split.rankerStartMillis()).toString(),
                "holdoutStart", Instant.ofEpochMilli(split.holdoutStartMillis()).toString(),
                "end", Instant.ofEpochMilli(split.endMillis()).toString(),
                "candidateWindowDays", dev.shutter.models.RankerFeatures.CANDIDATE_WINDOW.toDays()));
        report.put("parameters", parameters);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("towerPairs", pairs);
        training.put("towerEpochLoss", towerLog.epochLoss());
        training.put("towerPairsPerSecond", towerLog.examplesPerSecond());
        training.put("towerSeconds", towerLog.seconds());
        training.put("rankerExamples", rankerExamples.size());
        training.put("rankerPositives", rankerExamples.positives());
        training.put("rankerEpochLoss", ranked.epochLoss());
        training.put("rankerSeconds", ranked.seconds());
        training.put("totalSeconds", seconds);
        report.put("training", training);
        report.put("evaluatedUsers", figures.users());
        report.put("retrieval", figures.retrieval());
        report.put("ranking", figures.ranking());
        double ratio = figures.retrieval().get(OfflineEvaluation.TOWERS).get("recall@100")
                / figures.retrieval().get(OfflineEvaluation.POPULARITY).get("recall@100");
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("recall@100 vs popularity", ratio);
        targets.put("recall@100 at least 2x popularity", ratio >= 2);
        targets.put("ranker improves ndcg@50 over retrieval order",
                figures.ranking().get(OfflineEvaluation.RANKER) > figures.ranking().get(OfflineEvaluation.RETRIEVAL_ORDER));
        report.put("targets", targets);
        return report;
    }
}
