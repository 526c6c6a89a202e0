package dev.shutter.ml.publish;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.models.ModelRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code train} writes: one version of the Explore models, {@code {name}.onnx} each, and
 * {@code models.json} with the version, the embedding dimension, the data the models were trained
 * on, the training parameters and each model's offline figures (the report files beside them are
 * for people, not read here).
 *
 * @param dir the directory
 * @param version sortable, the same for every model of the directory
 * @param metrics each model's offline figures, by model name
 */
public record TrainedModelDirectory(Path dir, String version, int dimension, String dataFingerprint, String dataSource,
        Map<String, Object> parameters, Map<String, Map<String, Object>> metrics) {

    public static final String MANIFEST = "models.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {};

    public TrainedModelDirectory {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Map<String, Map<String, Object>> copied = new LinkedHashMap<>();
        metrics.forEach((name, figures) -> copied.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(figures))));
        metrics = Collections.unmodifiableMap(copied);
    }

    /** Reads and checks a directory: every Explore model there, non-empty, with its figures. */
    public static TrainedModelDirectory read(Path dir) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException(dir + " is not a trained model directory: it has no " + MANIFEST);
        }
        JsonNode root = JSON.readTree(manifest.toFile());
        String version = text(root, "version", dir);
        int dimension = root.path("dimension").asInt(0);
        if (dimension < 2) {
            throw new IllegalArgumentException(manifest + ": dimension must be at least 2, was " + root.path("dimension"));
        }
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        for (String name : ModelRelease.EXPLORE) {
            JsonNode figures = root.path("models").path(name).path("metrics");
            if (!figures.isObject()) {
                throw new IllegalArgumentException(manifest + " has no models." + name + ".metrics");
            }
            Path model = dir.resolve(name + ".onnx");
            if (!Files.isRegularFile(model) || Files.size(model) == 0) {
                throw new IllegalArgumentException(dir + " has no " + model.getFileName() + " (or it is empty)");
            }
            metrics.put(name, JSON.convertValue(figures, AS_MAP));
        }
        Map<String, Object> parameters = root.path("parameters").isObject()
                ? JSON.convertValue(root.path("parameters"), AS_MAP) : Map.of();
        return new TrainedModelDirectory(dir, version, dimension, text(root, "dataFingerprint", dir),
                text(root, "dataSource", dir), parameters, metrics);
    }

    public byte[] modelBytes(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name + ".onnx"));
    }

    /** A model's figure, e.g. {@code recall@100}; NaN when it has none. */
    public double metric(String name, String figure) {
        return metrics.getOrDefault(name, Map.of()).get(figure) instanceof Number value ? value.doubleValue() : Double.NaN;
    }

    private static String text(JsonNode root, String field, Path dir) {
        String value = root.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(dir.resolve(MANIFEST) + " has no " + field);
        }
        return value;
    }
}
