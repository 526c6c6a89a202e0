package dev.shutter.media.photo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Benchmark-only: the part of {@link PhotoProcessor#process} that the vipsthumbnail anchor also
 * does — decode, upright sRGB, the three WebP sizes — and nothing else (no JPEG fallbacks, no
 * re-encoded original, no blurhash). It lives in the bench module but in media-worker's package
 * so it calls the worker's own package-private decoder, orientation and encoder rather than a
 * copy of them; only the two-line crop/scale helpers, private in PhotoProcessor, are repeated
 * here with the same Thumbnailator calls. Keep in step with {@code PhotoProcessor.render}.
 */
public final class WebpOnlyProbe {

    private WebpOnlyProbe() {}

    /** @return hq, medium, thumb WebP bytes, in that order */
    public static byte[][] threeWebpSizes(Path jpeg) throws MediaRejectedException, IOException {
        BufferedImage upright = Orientation.applyToSrgb(ImageDecoder.decode(jpeg, MediaKind.JPEG), Orientation.read(jpeg));
        int side = Math.min(PhotoProcessor.THUMB_SIDE, Math.min(upright.getWidth(), upright.getHeight()));
        int square = Math.min(upright.getWidth(), upright.getHeight());
        BufferedImage crop = upright.getSubimage((upright.getWidth() - square) / 2, (upright.getHeight() - square) / 2, square, square);
        byte[] thumb = RenditionEncoder.webp(scale(crop, side, side));
        // As in the pipeline: medium is scaled from hq, not from the full image.
        BufferedImage hq = scaleToWidth(upright, PhotoProcessor.HQ_WIDTH);
        BufferedImage medium = scaleToWidth(hq, PhotoProcessor.MEDIUM_WIDTH);
        return new byte[][] {RenditionEncoder.webp(hq), RenditionEncoder.webp(medium), thumb};
    }

    private static BufferedImage scaleToWidth(BufferedImage image, int maxWidth) throws IOException {
        if (image.getWidth() <= maxWidth) {
            return image;
        }
        int height = (int) Math.max(1, Math.round((double) image.getHeight() * maxWidth / image.getWidth()));
        return scale(image, maxWidth, height);
    }

    private static BufferedImage scale(BufferedImage image, int width, int height) throws IOException {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        return Thumbnails.of(image)
                .forceSize(width, height)
                .imageType(image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
                .asBufferedImage();
    }
}
