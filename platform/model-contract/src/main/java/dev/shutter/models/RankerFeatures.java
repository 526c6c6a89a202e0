package dev.shutter.models;

import java.time.Duration;

/**
 * The ranker's feature values, computed one way for training (ml-models, from a dataset as of a
 * moment) and serving (explore-service, from its events at request time). A row is in {@link
 * Ranker#FEATURES}' order.
 */
public final class RankerFeatures {

    /** The author's engagement rate counts engagements and posts of this long before now. */
    public static final Duration AUTHOR_WINDOW = Duration.ofDays(7);
    /** Explore retrieves from posts of this long before now: what the offline evaluation retrieves from too. */
    public static final Duration CANDIDATE_WINDOW = Duration.ofDays(7);

    private RankerFeatures() {}

    /**
     * @param cosine the towers' cosine of the user and the post
     * @param ageHours hours since the post was published
     * @param authorEngagements engagements the post's author received in the {@link #AUTHOR_WINDOW}
     * @param authorPosts posts the author published in the {@link #AUTHOR_WINDOW}
     * @param tagAffinity {@link #tagAffinity}
     * @param engagements the post's engagements so far (likes, saves, comments)
     */
    public static float[] row(float cosine, double ageHours, long authorEngagements, long authorPosts, float tagAffinity,
            boolean video, long engagements) {
        return new float[] {
            cosine,
            (float) ageHours,
            (float) Math.log1p(authorEngagements / (double) Math.max(1, authorPosts)),
            tagAffinity,
            video ? 1 : 0,
            (float) Math.log1p(engagements)
        };
    }

    /**
     * The share of the user's history (item-tower tag rows of each post, {@link ItemFeatures#tags},
     * newest first, at most {@link TwoTower#HISTORY}) that carries one of the post's tags; 0 for an
     * empty history or an untagged post. Rows, not tag names: the hashing's rare collisions count as
     * the same tag on both sides alike.
     */
    public static float tagAffinity(long[][] historyTags, long[] postTags) {
        if (historyTags.length == 0) {
            return 0;
        }
        int sharing = 0;
        for (long[] past : historyTags) {
            if (sharesRow(past, postTags)) {
                sharing++;
            }
        }
        return sharing / (float) historyTags.length;
    }

    private static boolean sharesRow(long[] a, long[] b) {
        for (long x : a) {
            if (x == 0) {
                break;
            }
            for (long y : b) {
                if (y == 0) {
                    break;
                }
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }
}
