package dev.shutter.bench.explore;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The floor: exact top-k by dot product over a flat array on one thread, with the Vector API, the
 * way a hand-written brute force would do it.
 */
final class ExactScan {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private final float[] vectors;
    private final int dimension;

    private final int vectorPart;

    ExactScan(float[] vectors, int dimension) {
        this.vectors = vectors;
        this.dimension = dimension;
        this.vectorPart = SPECIES.loopBound(dimension);
    }

    /** Rows of the best {@code k} among the first {@code rows}, best first. */
    int[] topK(float[] query, int rows, int k) {
        int[] ids = new int[k];
        float[] scores = new float[k];
        int size = 0;
        for (int row = 0; row < rows; row++) {
            float score = dot(query, row * dimension);
            if (size < k) {
                ids[size] = row;
                scores[size] = score;
                siftUp(ids, scores, size++);
            } else if (score > scores[0]) {
                ids[0] = row;
                scores[0] = score;
                siftDown(ids, scores, size);
            }
        }
        int[] best = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            best[i] = ids[0];
            ids[0] = ids[i];
            scores[0] = scores[i];
            siftDown(ids, scores, i);
        }
        return best;
    }

    private float dot(float[] query, int offset) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i < vectorPart; i += SPECIES.length()) {
            sum = FloatVector.fromArray(SPECIES, query, i).fma(FloatVector.fromArray(SPECIES, vectors, offset + i), sum);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            total += query[i] * vectors[offset + i];
        }
        return total;
    }

    // A min-heap on scores: the root is the score to beat.
    private static void siftUp(int[] ids, float[] scores, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(ids, scores, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] ids, float[] scores, int size) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && scores[left + 1] < scores[left] ? left + 1 : left;
            if (scores[i] <= scores[smallest]) {
                return;
            }
            swap(ids, scores, i, smallest);
            i = smallest;
        }
    }

    private static void swap(int[] ids, float[] scores, int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
