package dev.shutter.media.photo;

/**
 * The largest photo we agree to decode, checked against the header before any pixel is read:
 * a 30,000 × 30,000 PNG is a few hundred bytes on the wire and 3.6 GB once decoded.
 */
public final class PixelLimits {

    public static final int MAX_SIDE = 20_000;
    public static final long MAX_PIXELS = 100_000_000L;

    private PixelLimits() {}

    public static void check(int width, int height) throws MediaRejectedException {
        if (width <= 0 || height <= 0) {
            throw new MediaRejectedException("corrupt or truncated image: header declares " + width + "×" + height);
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new MediaRejectedException("too large");
        }
    }
}
