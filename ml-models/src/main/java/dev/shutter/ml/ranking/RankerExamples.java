package dev.shutter.ml.ranking;

/** Feature rows [n, 6] and their labels (1 engaged, 0 not). */
public record RankerExamples(float[] features, float[] labels) {

    public int size() {
        return labels.length;
    }

    public long positives() {
        long count = 0;
        for (float label : labels) {
            count += label > 0.5f ? 1 : 0;
        }
        return count;
    }
}
