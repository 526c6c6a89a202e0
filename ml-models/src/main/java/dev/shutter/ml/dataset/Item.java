package dev.shutter.ml.dataset;

import java.util.List;

/**
 * A post as the models see it: what it carries (tags, caption tokens, media type, visual
 * statistics), who made it and when. {@code topic} is the synthetic generator's ground truth
 * (-1 for exported data): models never read it, evaluation may.
 *
 * @param visual a photo's colour statistics; null for a video (media-worker computes them only for photos)
 */
public record Item(long postId, long authorId, long createdAtMillis, MediaType mediaType, List<String> hashtags,
        List<String> captionTokens, Visual visual, int topic) {

    public enum MediaType {
        PHOTO, VIDEO
    }

    /** Mean red, green and blue of the photo, each in [0, 1]. */
    public record Visual(float red, float green, float blue) {}

    public Item {
        hashtags = List.copyOf(hashtags);
        captionTokens = List.copyOf(captionTokens);
    }
}
