package dev.shutter.models;

import dev.shutter.models.TensorSpec.DType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-tower retrieval model, as two ONNX graphs. The item tower embeds a post from what it
 * carries; the user tower embeds a user from the embeddings of the posts they engaged with most
 * recently. Both outputs are L2-normalised, so their dot product is the cosine that ranks
 * candidates.
 */
public final class TwoTower {

    public static final String ITEM_TOWER = "item-tower";
    public static final String USER_TOWER = "user-tower";
    public static final int DEFAULT_DIMENSION = 64;
    /** Tags of a post that count, in caption order; the rest are dropped. */
    public static final int MAX_TAGS = 8;
    /** Caption tokens that count, in caption order. */
    public static final int MAX_TOKENS = 16;
    /** Recent engagements a user embedding is made of, newest first. */
    public static final int HISTORY = 50;
    public static final int TAG_BUCKETS = 1 << 15;
    public static final int TOKEN_BUCKETS = 1 << 15;
    public static final int AUTHOR_BUCKETS = 1 << 14;
    public static final String TAG_NAMESPACE = "tag";
    public static final String TOKEN_NAMESPACE = "token";
    public static final String AUTHOR_NAMESPACE = "author";

    private TwoTower() {}

    /**
     * Item tower: {@code tags}, {@code tokens} (hashed rows, 0-padded), {@code author} (hashed
     * row), {@code media_type} (0 photo, 1 video), {@code visual} (mean r, g, b in [0, 1]; zeros
     * for a video) → {@code embedding}.
     */
    public static ModelSignature itemTower(int dimension) {
        return new ModelSignature(ITEM_TOWER,
                List.of(new TensorSpec("tags", DType.INT64, new long[] {-1, MAX_TAGS}),
                        new TensorSpec("tokens", DType.INT64, new long[] {-1, MAX_TOKENS}),
                        new TensorSpec("author", DType.INT64, new long[] {-1}),
                        new TensorSpec("media_type", DType.INT64, new long[] {-1}),
                        new TensorSpec("visual", DType.FLOAT32, new long[] {-1, 3})),
                List.of(embedding(dimension)), rules(dimension));
    }

    /**
     * User tower: {@code history} (item embeddings, newest first, zero rows past the end) and
     * {@code history_mask} (1 for a real row, 0 for padding) → {@code embedding}.
     */
    public static ModelSignature userTower(int dimension) {
        return new ModelSignature(USER_TOWER,
                List.of(new TensorSpec("history", DType.FLOAT32, new long[] {-1, HISTORY, dimension}),
                        new TensorSpec("history_mask", DType.FLOAT32, new long[] {-1, HISTORY})),
                List.of(embedding(dimension)), rules(dimension));
    }

    private static TensorSpec embedding(int dimension) {
        if (dimension < 2) {
            throw new IllegalArgumentException("an embedding has at least 2 dimensions, not " + dimension);
        }
        return new TensorSpec("embedding", DType.FLOAT32, new long[] {-1, dimension});
    }

    private static Map<String, Object> rules(int dimension) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("dimension", dimension);
        rules.put("normalised", "l2");
        rules.put("hashing", FeatureHashing.ALGORITHM);
        rules.put("tagBuckets", TAG_BUCKETS);
        rules.put("tokenBuckets", TOKEN_BUCKETS);
        rules.put("authorBuckets", AUTHOR_BUCKETS);
        rules.put("maxTags", MAX_TAGS);
        rules.put("maxTokens", MAX_TOKENS);
        rules.put("history", HISTORY);
        return rules;
    }
}
