package dev.shutter.ml.eval;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Set;

/** Exact top-K by cosine over a corpus of item embeddings: offline what the ANN index does online. */
public final class Retrieval {

    private final float[] embeddings;
    private final int dimension;

    public Retrieval(float[] embeddings, int dimension) {
        this.embeddings = embeddings;
        this.dimension = dimension;
    }

    /** Candidates best first, with their cosines. */
    public record Candidates(int[] rows, float[] cosines) {}

    public Candidates top(float[] user, int[] corpus, Set<Integer> excluded, int k) {
        PriorityQueue<float[]> best = new PriorityQueue<>((a, b) -> Float.compare(a[0], b[0]) != 0
                ? Float.compare(a[0], b[0]) : Float.compare(b[1], a[1]));
        for (int row : corpus) {
            if (excluded.contains(row)) {
                continue;
            }
            float score = cosine(user, row);
            if (best.size() < k) {
                best.add(new float[] {score, row});
            } else if (score > best.peek()[0]) {
                best.poll();
                best.add(new float[] {score, row});
            }
        }
        float[][] sorted = best.toArray(new float[0][]);
        Arrays.sort(sorted, (a, b) -> Float.compare(b[0], a[0]) != 0 ? Float.compare(b[0], a[0]) : Float.compare(a[1], b[1]));
        int[] rows = new int[sorted.length];
        float[] cosines = new float[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            rows[i] = (int) sorted[i][1];
            cosines[i] = sorted[i][0];
        }
        return new Candidates(rows, cosines);
    }

    public float cosine(float[] user, int row) {
        float sum = 0;
        int offset = row * dimension;
        for (int d = 0; d < dimension; d++) {
            sum += user[d] * embeddings[offset + d];
        }
        return sum;
    }
}
