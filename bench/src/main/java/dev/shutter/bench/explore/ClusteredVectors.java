package dev.shutter.bench.explore;

import java.util.SplittableRandom;

/**
 * Unit vectors shaped like embeddings rather than spread evenly over the sphere: a mixture of
 * Gaussian clusters around random unit centres, each point normalised. Flat, row after row.
 */
final class ClusteredVectors {

    private final int dimension;
    private final float[][] centres;
    private final double spread;

    /** {@code spread}: the noise's standard deviation per component, against centres of norm 1. */
    ClusteredVectors(int dimension, int clusters, double spread, long seed) {
        this.dimension = dimension;
        this.spread = spread;
        SplittableRandom random = new SplittableRandom(seed);
        centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            float[] centre = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                centre[i] = (float) random.nextGaussian();
            }
            centres[c] = normalise(centre, 0);
        }
    }

    /** {@code count} vectors drawn from the mixture, flat. */
    float[] draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[Math.multiplyExact(count, dimension)];
        for (int row = 0; row < count; row++) {
            float[] centre = centres[random.nextInt(centres.length)];
            int offset = row * dimension;
            for (int i = 0; i < dimension; i++) {
                out[offset + i] = centre[i] + (float) (spread * random.nextGaussian());
            }
            normalise(out, offset);
        }
        return out;
    }

    private float[] normalise(float[] vectors, int offset) {
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            norm += vectors[offset + i] * vectors[offset + i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            vectors[offset + i] *= scale;
        }
        return vectors;
    }
}
