package dev.shutter.explore.item;

import dev.shutter.models.ItemFeatures;

/**
 * A recent post as Explore knows it: what the item tower reads, whether its author is private
 * (then it is never a candidate, but still gets a feed engagement score), and its engagement so
 * far, both as counts and as a velocity (engagements decayed with a half-life, so a burst now
 * outweighs the same number a day ago).
 */
public final class CatalogItem {

    private final long postId;
    private final long authorId;
    private final long createdAtMillis;
    private final ItemFeatures features;
    private final boolean video;
    private volatile boolean authorPrivate;
    private long engagements;
    private double velocity;
    private long velocityAtMillis;

    public CatalogItem(long postId, long authorId, long createdAtMillis, ItemFeatures features, boolean video,
            boolean authorPrivate) {
        this.postId = postId;
        this.authorId = authorId;
        this.createdAtMillis = createdAtMillis;
        this.features = features;
        this.video = video;
        this.authorPrivate = authorPrivate;
        this.velocityAtMillis = createdAtMillis;
    }

    public long postId() {
        return postId;
    }

    public long authorId() {
        return authorId;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public ItemFeatures features() {
        return features;
    }

    public boolean video() {
        return video;
    }

    public boolean authorPrivate() {
        return authorPrivate;
    }

    void markPrivate(boolean value) {
        authorPrivate = value;
    }

    public synchronized long engagements() {
        return engagements;
    }

    /** Adds {@code delta} engagements (negative for an unlike) that happened at {@code atMillis}. */
    public synchronized void engage(int delta, long atMillis, long halfLifeMillis) {
        engagements = Math.max(0, engagements + delta);
        if (atMillis >= velocityAtMillis) {
            velocity = decayed(velocity, atMillis - velocityAtMillis, halfLifeMillis) + delta;
            velocityAtMillis = atMillis;
        } else {
            velocity += decayed(delta, velocityAtMillis - atMillis, halfLifeMillis);
        }
        velocity = Math.max(0, velocity);
    }

    /** Engagements decayed to {@code nowMillis}: how fast the post is being engaged with now. */
    public synchronized double velocityAt(long nowMillis, long halfLifeMillis) {
        return decayed(velocity, Math.max(0, nowMillis - velocityAtMillis), halfLifeMillis);
    }

    synchronized void restore(long engagements, double velocity, long velocityAtMillis) {
        this.engagements = engagements;
        this.velocity = velocity;
        this.velocityAtMillis = velocityAtMillis;
    }

    synchronized double velocityRaw() {
        return velocity;
    }

    synchronized long velocityAtMillis() {
        return velocityAtMillis;
    }

    private static double decayed(double value, long elapsedMillis, long halfLifeMillis) {
        return value * Math.pow(0.5, elapsedMillis / (double) halfLifeMillis);
    }
}
