package dev.shutter.bench.load;

import java.util.Random;

/**
 * How many followers each seeded account gets: a power law (Pareto, as follower counts of real
 * networks are: most accounts have a handful, a few have very many), with a chosen number of
 * accounts lifted over the celebrity threshold so that the feed's pull path is exercised too.
 */
public final class FollowerCounts {

    /** Pareto shape: about 1.5 gives the long tail measured on social graphs without a giant hub. */
    static final double ALPHA = 1.5;

    private FollowerCounts() {}

    /**
     * @return followers per account; accounts {@code 0..celebrities-1} are the celebrities, with
     *     more than {@code threshold} followers (when the network is big enough to have them)
     */
    public static int[] draw(int users, int celebrities, int threshold, Random random) {
        int[] counts = new int[users];
        int max = users - 1; // everyone else, at most
        for (int i = 0; i < users; i++) {
            double pareto = 1.0 / Math.pow(1.0 - random.nextDouble(), 1.0 / ALPHA); // ≥ 1
            // Below the threshold for ordinary accounts, so celebrities are exactly the ones chosen.
            counts[i] = (int) Math.min(Math.min(max, threshold - 1), Math.floor(pareto));
        }
        int lifted = Math.min(celebrities, users);
        for (int i = 0; i < lifted && threshold + 1 <= max; i++) {
            int ceiling = Math.min(max, threshold * 2);
            counts[i] = threshold + 1 + random.nextInt(Math.max(1, ceiling - threshold));
        }
        return counts;
    }
}
