package dev.shutter.ml.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws indexes in proportion to fixed weights, in O(log n), optionally from a sub-range. */
final class WeightedChoice {

    private final double[] cumulative;

    WeightedChoice(double[] weights) {
        cumulative = new double[weights.length + 1];
        for (int i = 0; i < weights.length; i++) {
            cumulative[i + 1] = cumulative[i] + weights[i];
        }
    }

    int draw(SplittableRandom random) {
        return draw(random, 0, cumulative.length - 1);
    }

    /** An index in [from, to), or -1 when the range is empty. */
    int draw(SplittableRandom random, int from, int to) {
        if (from >= to) {
            return -1;
        }
        double target = cumulative[from] + random.nextDouble() * (cumulative[to] - cumulative[from]);
        int found = Arrays.binarySearch(cumulative, from, to + 1, target);
        int index = found >= 0 ? found : -found - 2;
        return Math.clamp(index, from, to - 1);
    }

    /** A Pareto draw with shape {@code alpha} and minimum 1: heavy-tailed, for activity and popularity. */
    static double pareto(SplittableRandom random, double alpha) {
        return Math.pow(1 - random.nextDouble(), -1 / alpha);
    }
}
