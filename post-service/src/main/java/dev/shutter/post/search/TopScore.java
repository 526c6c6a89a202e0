package dev.shutter.post.search;

import java.time.Instant;

/**
 * The "top" order of a hashtag: engagement on a log scale plus the publication time, so a post
 * needs ten times the engagement of one a {@link #DECADE_SECONDS} newer to rank above it (Reddit's "hot").
 * Age decays a score without the score depending on now: it is stored, sorts, and pages with
 * {@code search_after} without moving while new posts arrive.
 */
final class TopScore {

    /** Comments and saves say more than a like. */
    static final double LIKE = 1, COMMENT = 3, SAVE = 2;
    /** How much newer a post with a tenth of the engagement may be to tie: half a day. */
    static final double DECADE_SECONDS = 12 * 3600;

    private TopScore() {}

    static double of(long likes, long comments, long saves, Instant publishedAt) {
        double engagement = LIKE * likes + COMMENT * comments + SAVE * saves;
        return Math.log10(1 + engagement) + publishedAt.getEpochSecond() / DECADE_SECONDS;
    }
}
