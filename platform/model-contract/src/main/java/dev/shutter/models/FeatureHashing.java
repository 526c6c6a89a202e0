package dev.shutter.models;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Strings (tags, caption tokens, author IDs) to embedding rows by hashing, so a new tag needs no
 * retraining and no vocabulary file: MurmurHash3 (32-bit, fixed seed 0) of {@code
 * namespace:value}, into rows 1..buckets-1. Row 0 is padding (no value). Changing any of this
 * changes every trained model's meaning: it is part of each signature's rules.
 */
public final class FeatureHashing {

    public static final String ALGORITHM = "murmur3_32_fixed:namespace:value";
    private static final HashFunction MURMUR3 = Hashing.murmur3_32_fixed();

    private FeatureHashing() {}

    /** The row of {@code value} in a table of {@code buckets} rows (row 0 never: padding). */
    public static long row(String namespace, String value, int buckets) {
        if (buckets < 2) {
            throw new IllegalArgumentException("buckets must be at least 2, not " + buckets);
        }
        int hash = MURMUR3.hashString(namespace + ":" + value, StandardCharsets.UTF_8).asInt();
        return 1 + Integer.toUnsignedLong(hash) % (buckets - 1);
    }

    /** Rows of the values, in order, truncated or padded with 0 to {@code length}. */
    public static long[] rows(String namespace, java.util.List<String> values, int buckets, int length) {
        long[] rows = new long[length];
        for (int i = 0; i < Math.min(length, values.size()); i++) {
            rows[i] = row(namespace, values.get(i), buckets);
        }
        return rows;
    }
}
