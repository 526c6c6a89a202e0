package dev.shutter.explore.engagement;

import dev.shutter.explore.item.AuthorStats;
import dev.shutter.explore.item.CatalogItem;

/**
 * A recent post's engagement score for the feed's ranking overlay, in [0, 1]: mostly how fast it
 * is being engaged with now (velocity, saturating at {@code fullVelocity}), partly how well its
 * author's posts do, decayed with the post's age so yesterday's hit yields to today's.
 */
public final class EngagementScores {

    static final double VELOCITY_WEIGHT = 0.7;
    static final double AUTHOR_WEIGHT = 0.3;
    /** Engagements per post at which the author's rate counts as full. */
    static final double FULL_AUTHOR_RATE = 10;

    private EngagementScores() {}

    public static double score(CatalogItem item, AuthorStats authors, long nowMillis, long velocityHalfLifeMillis,
            long ageHalfLifeMillis, double fullVelocity) {
        double velocity = saturate(item.velocityAt(nowMillis, velocityHalfLifeMillis), fullVelocity);
        double author = saturate(authors.of(item.authorId()).ratePerPost(), FULL_AUTHOR_RATE);
        double recency = Math.pow(0.5, Math.max(0, nowMillis - item.createdAtMillis()) / (double) ageHalfLifeMillis);
        return Math.clamp((VELOCITY_WEIGHT * velocity + AUTHOR_WEIGHT * author) * recency, 0.0, 1.0);
    }

    /** 0 at 0, about 0.63 at {@code full}, towards 1 beyond. */
    private static double saturate(double value, double full) {
        return 1 - Math.exp(-Math.max(0, value) / full);
    }
}
