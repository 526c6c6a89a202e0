package dev.shutter.ml.publish;

import dev.shutter.models.ModelVersion;
import java.util.Optional;

/**
 * One model of a published version, as the publisher reports it.
 *
 * @param published the version now in the store
 * @param gateMetric the figure it was gated on
 * @param replaced the version it was compared with and now follows; empty for a model's first
 *     version, and for one that was in the store already
 * @param alreadyPublished the store had this very version (same bytes) before: an earlier
 *     publication of the directory, which may have stopped half way (this one completed it)
 */
public record Publication(ModelVersion published, String gateMetric, Optional<ModelVersion> replaced,
        boolean alreadyPublished) {

    public String name() {
        return published.name();
    }

    public String version() {
        return published.version();
    }

    public double figure() {
        return published.metric(gateMetric);
    }

    /** e.g. {@code item-tower 20261203-143000-ab12cd  recall@100 0.3100, replaces 20261201-... (0.2900)}. */
    public String describe() {
        String how = alreadyPublished ? "in the store already, these very bytes"
                : replaced.map(before -> "replaces %s (%.4f)".formatted(before.version(), before.metric(gateMetric)))
                        .orElse("the first " + name());
        return "%-10s %s  %s %.4f, %s".formatted(name(), version(), gateMetric, figure(), how);
    }
}
