package dev.shutter.models;

import dev.shutter.models.TensorSpec.DType;
import java.util.List;
import java.util.Map;

/**
 * The ranker: one row of {@link #FEATURES} per candidate → {@code score}, the probability that
 * the user engages (higher first).
 */
public final class Ranker {

    public static final String NAME = "ranker";

    /**
     * The feature columns, in order: the towers' cosine; the post's age in hours; the author's
     * engagements per post over the last 7 days, log1p; the share of the user's recent
     * engagements that carried one of the post's tags; 1 for a video; the post's engagement
     * count, log1p. Computed by {@link RankerFeatures}, on both sides.
     */
    public static final List<String> FEATURES = List.of("cosine", "age_hours", "author_engagement_rate",
            "tag_affinity", "is_video", "log_engagements");

    private Ranker() {}

    public static ModelSignature signature() {
        return new ModelSignature(NAME,
                List.of(new TensorSpec("features", DType.FLOAT32, new long[] {-1, FEATURES.size()})),
                List.of(new TensorSpec("score", DType.FLOAT32, new long[] {-1, 1})),
                Map.of("features", FEATURES));
    }
}
