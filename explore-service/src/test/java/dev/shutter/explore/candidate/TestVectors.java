package dev.shutter.explore.candidate;

import java.util.Random;

/** Random unit vectors for the index tests, seeded so a failure repeats. */
final class TestVectors {

    private TestVectors() {}

    static float[] unit(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return normalise(vector);
    }

    /** A unit vector near {@code centre}: {@code spread} of Gaussian noise per component, normalised. */
    static float[] near(Random random, float[] centre, double spread) {
        float[] vector = new float[centre.length];
        for (int i = 0; i < centre.length; i++) {
            vector[i] = centre[i] + (float) (spread * random.nextGaussian());
        }
        return normalise(vector);
    }

    static float[] normalise(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
