package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaKind;
import dev.shutter.media.photo.PhotoProcessor.Size;

/**
 * Which renditions a photo gets, chosen by what it belongs to. Both engines make every set the
 * same way: the {@code thumb} (centre square), the set's largest picture scaled from the upright
 * image, {@code medium} (posts only) scaled from that, the blurhash from the smallest of them; each
 * as WebP plus a JPEG fallback, all metadata stripped. Only a post keeps its original.
 */
public enum RenditionSet {

    /** thumb, medium (640 wide), hq (1080 wide), and the stripped original. */
    POST("hq", true, true),
    /** thumb (the tray ring) and story (inside 1080×1920); nothing else is ever served. */
    STORY("story", false, false);

    private final String largestName;
    private final boolean medium;
    private final boolean original;

    RenditionSet(String largestName, boolean medium, boolean original) {
        this.largestName = largestName;
        this.medium = medium;
        this.original = original;
    }

    public static RenditionSet of(MediaKind kind) {
        return kind == MediaKind.STORY ? STORY : POST;
    }

    /** The name of the largest picture: {@code hq} or {@code story}. */
    String largestName() {
        return largestName;
    }

    /** The largest picture's size for an upright photo of this size; never upscaled, aspect kept. */
    Size largestSize(int width, int height) {
        return this == STORY
                ? PhotoProcessor.fitInside(width, height, PhotoProcessor.STORY_WIDTH, PhotoProcessor.STORY_HEIGHT)
                : PhotoProcessor.scaledToWidth(width, height, PhotoProcessor.HQ_WIDTH);
    }

    boolean hasMedium() {
        return medium;
    }

    /** Whether the (stripped) original is kept, so the full-size pixels are needed. */
    boolean keepsOriginal() {
        return original;
    }
}
