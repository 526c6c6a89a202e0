package dev.shutter.ml.train;

import dev.shutter.ml.dataset.Interaction;
import dev.shutter.models.RankerFeatures;
import java.util.List;

/**
 * Where a dataset's time line is cut: interactions before {@code holdoutStart} train, the ones from
 * it on are held out for evaluation; the ranker learns from {@code [rankerStart, holdoutStart)}.
 * Explore shows posts of the last {@link RankerFeatures#CANDIDATE_WINDOW}, so that is what evaluation retrieves from.
 */
public record TimeSplit(long startMillis, long rankerStartMillis, long holdoutStartMillis, long endMillis) {

    /** Holds out the last {@code fraction} of the time span, and gives the ranker the same span before it. */
    public static TimeSplit of(List<Interaction> interactions, double fraction) {
        if (interactions.isEmpty()) {
            throw new IllegalArgumentException("the dataset has no interactions to train on");
        }
        if (!(fraction > 0 && fraction < 0.5)) {
            throw new IllegalArgumentException("hold-out fraction must be in (0, 0.5): " + fraction);
        }
        long start = interactions.getFirst().atMillis();
        long end = interactions.getLast().atMillis() + 1;
        long holdout = end - Math.round((end - start) * fraction);
        long ranker = holdout - Math.round((end - start) * fraction);
        return new TimeSplit(start, ranker, holdout, end);
    }

    /** The oldest post creation time Explore would still show at {@code atMillis}. */
    public static long candidatesSince(long atMillis) {
        return atMillis - RankerFeatures.CANDIDATE_WINDOW.toMillis();
    }
}
