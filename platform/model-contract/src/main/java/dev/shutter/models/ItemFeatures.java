package dev.shutter.models;

import java.util.List;

/**
 * A post's item-tower inputs, encoded by the rules of {@link TwoTower}: the one encoder behind
 * training (ml-models) and serving (explore-service), so both hash the same way.
 *
 * @param visual mean r, g, b in [0, 1]; zeros for a video or a photo without them
 */
public record ItemFeatures(long[] tags, long[] tokens, long author, long mediaType, float[] visual) {

    public static ItemFeatures of(List<String> hashtags, List<String> captionTokens, long authorId, boolean video,
            float[] visual) {
        if (visual != null && visual.length != 3) {
            throw new IllegalArgumentException("visual is r, g, b: 3 values, not " + visual.length);
        }
        return new ItemFeatures(
                FeatureHashing.rows(TwoTower.TAG_NAMESPACE, hashtags, TwoTower.TAG_BUCKETS, TwoTower.MAX_TAGS),
                FeatureHashing.rows(TwoTower.TOKEN_NAMESPACE, captionTokens, TwoTower.TOKEN_BUCKETS, TwoTower.MAX_TOKENS),
                FeatureHashing.row(TwoTower.AUTHOR_NAMESPACE, Long.toString(authorId), TwoTower.AUTHOR_BUCKETS),
                video ? 1 : 0,
                visual == null || video ? new float[3] : visual.clone());
    }
}
