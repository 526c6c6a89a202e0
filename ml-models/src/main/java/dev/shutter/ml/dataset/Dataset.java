package dev.shutter.ml.dataset;

import java.util.List;
import java.util.Map;

/**
 * A training dataset: items, interactions and follows, with where it came from. Interactions are
 * in time order, so evaluation can hold out the latest ones.
 *
 * @param source {@code synthetic} or {@code export}
 * @param parameters how it was made (the generator's spec, or the export's time range)
 */
public record Dataset(String source, Map<String, Object> parameters, List<Item> items, List<Interaction> interactions,
        List<Follow> follows) {

    public Dataset {
        // In the given order, so a manifest's bytes are the same on every run.
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        items = List.copyOf(items);
        interactions = List.copyOf(interactions);
        follows = List.copyOf(follows);
    }
}
