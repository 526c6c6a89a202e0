package dev.shutter.models;

import java.util.Map;

/** One published, immutable version of a model: where it is and its manifest. */
public record ModelVersion(String name, String version, Map<String, Object> manifest) {

    public ModelVersion {
        manifest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifest));
    }

    /** A figure of the version's offline evaluation, e.g. {@code recall@100}; NaN when it has none. */
    public double metric(String name) {
        if (manifest.get("metrics") instanceof Map<?, ?> metrics && metrics.get(name) instanceof Number value) {
            return value.doubleValue();
        }
        return Double.NaN;
    }
}
