package dev.shutter.models;

import java.util.Map;

/** One published, immutable version of a model: where it is and its manifest. */
public record ModelVersion(String name, String version, Map<String, Object> manifest) {

    public ModelVersion {
        manifest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifest));
    }

    /** Where the model's bytes are in the store's bucket ({@code models/{name}/{version}/model.onnx}). */
    public String modelKey() {
        return ModelStore.modelKey(name, version).value();
    }

    /** The hex SHA-256 of the model's bytes, as the store recorded it; empty before it is published. */
    public String modelSha256() {
        return manifest.get("modelSha256") instanceof String sha256 ? sha256 : "";
    }

    /** A figure of the version's offline evaluation, e.g. {@code recall@100}; NaN when it has none. */
    public double metric(String name) {
        if (manifest.get("metrics") instanceof Map<?, ?> metrics && metrics.get(name) instanceof Number value) {
            return value.doubleValue();
        }
        return Double.NaN;
    }
}
