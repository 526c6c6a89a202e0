package dev.shutter.media.photo;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * EXIF orientation (1–8): phones store pixels as the sensor saw them and say how to turn them.
 * Since every output is stripped of EXIF, the turn must be baked into the pixels.
 */
final class Orientation {

    private Orientation() {}

    /** The EXIF orientation of the file, 1 when absent or unreadable: bad metadata is no reason to refuse a photo. */
    static int read(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                Integer orientation = directory.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
                if (orientation != null && orientation >= 1 && orientation <= 8) {
                    return orientation;
                }
            }
        } catch (Exception | StackOverflowError e) {
            // Fall through: malformed metadata is common and harmless once stripped.
        }
        return 1;
    }

    /**
     * One draw that both turns the image upright and converts it to 8-bit sRGB (grey, indexed,
     * 16-bit and ICC-tagged sources alike), keeping alpha only when the source has it.
     */
    static BufferedImage applyToSrgb(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swapsSides = orientation >= 5;
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage target = new BufferedImage(swapsSides ? h : w, swapsSides ? w : h,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(source, transform(orientation, w, h), null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Maps source pixel space onto the upright image (w, h are the source's sides). */
    static AffineTransform transform(int orientation, int w, int h) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirror horizontally
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // rotate 180
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirror vertically
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transpose
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // rotate 90 clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transverse
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // rotate 90 counter-clockwise
            default -> new AffineTransform();
        };
    }
}
