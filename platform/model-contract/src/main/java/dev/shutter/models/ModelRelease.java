package dev.shutter.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of models that work only together, each with its manifest: what a reader loads and
 * swaps as one ({@link ModelStore#latestComplete}).
 *
 * @param version the version every model of the release has
 * @param models by model name, in the order they were asked for
 */
public record ModelRelease(String version, Map<String, ModelVersion> models) {

    /**
     * The Explore models: the towers share one embedding space and the ranker was trained on
     * their cosines, so all three come from one version.
     */
    public static final List<String> EXPLORE = List.of(TwoTower.ITEM_TOWER, TwoTower.USER_TOWER, Ranker.NAME);

    public ModelRelease {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        for (ModelVersion model : models.values()) {
            if (!model.version().equals(version)) {
                throw new IllegalArgumentException(model.name() + " " + model.version() + " is not of release " + version);
            }
        }
    }

    public ModelVersion model(String name) {
        ModelVersion model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("release " + version + " has no " + name + "; it has " + models.keySet());
        }
        return model;
    }
}
