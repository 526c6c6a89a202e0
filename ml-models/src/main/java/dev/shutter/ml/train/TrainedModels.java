package dev.shutter.ml.train;

import java.util.List;
import java.util.Map;

/**
 * What a training run produced: the three ONNX models of one version, their figures, and the
 * report of how they were made.
 *
 * @param metrics per model name, the figures the publish gate compares
 * @param report the whole evaluation and training log, as written to report.json
 */
public record TrainedModels(String version, int dimension, String dataFingerprint, String dataSource,
        Map<String, Object> parameters, byte[] itemTower, byte[] userTower, byte[] ranker,
        Map<String, Map<String, Double>> metrics, Map<String, Object> report, Map<String, List<Double>> loss,
        Map<String, Map<String, Double>> retrieval) {}
