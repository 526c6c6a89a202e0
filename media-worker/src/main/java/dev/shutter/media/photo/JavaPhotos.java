package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
import dev.shutter.media.photo.PhotoProcessor.Size;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.coobird.thumbnailator.Thumbnails;

/**
 * The pure-Java engine ({@link PhotoProcessor.Engine#JAVA}): ImageIO decodes, one Java2D draw turns
 * the pixels upright and sRGB, Thumbnailator scales, libwebp (webp-imageio) and ImageIO encode.
 * JPEG, PNG and WebP only.
 */
final class JavaPhotos {

    private JavaPhotos() {}

    static ProcessedPhoto render(Path original, MediaType kind, RenditionSet set) throws MediaRejectedException, IOException {
        int orientation = Orientation.read(original);
        BufferedImage upright = Orientation.applyToSrgb(ImageDecoder.decode(original, kind), orientation);
        int width = upright.getWidth();
        int height = upright.getHeight();
        boolean alpha = upright.getColorModel().hasAlpha();
        List<Rendition> renditions = new ArrayList<>(7);

        int side = PhotoProcessor.thumbSide(width, height);
        addPair(renditions, "thumb", scale(centreSquare(upright), new Size(side, side)));

        // hq (or story) from the full image; medium from hq, not the full image: a quarter of the work, same look.
        BufferedImage largest = scale(upright, set.largestSize(width, height));
        BufferedImage medium = set.hasMedium()
                ? scale(largest, PhotoProcessor.scaledToWidth(largest.getWidth(), largest.getHeight(), PhotoProcessor.MEDIUM_WIDTH))
                : null;
        BufferedImage smallest = medium != null ? medium : largest;
        BufferedImage blurhashSource = scale(smallest,
                PhotoProcessor.fitWithin(smallest.getWidth(), smallest.getHeight(), PhotoProcessor.BLURHASH_SOURCE_SIDE));
        String blurhash = Blurhash.encode(blurhashSource, 4, 3);
        if (medium != null) {
            addPair(renditions, "medium", medium);
        }
        addPair(renditions, set.largestName(), largest);

        if (set.keepsOriginal()) {
            Optional<byte[]> lossless = kind == MediaType.JPEG
                    ? StrippedJpeg.of(Files.readAllBytes(original), orientation)
                    : Optional.empty();
            if (lossless.isPresent()) {
                renditions.add(PhotoProcessor.jpegOriginal(lossless.get()));
            } else if (alpha) {
                renditions.add(PhotoProcessor.pngOriginal(RenditionEncoder.png(upright)));
            } else {
                renditions.add(PhotoProcessor.jpegOriginal(RenditionEncoder.jpeg(upright, RenditionEncoder.ORIGINAL_JPEG_QUALITY)));
            }
        }
        return new ProcessedPhoto(width, height, blurhash, MeanColour.of(blurhashSource), List.copyOf(renditions));
    }

    private static void addPair(List<Rendition> renditions, String name, BufferedImage image) throws IOException {
        PhotoProcessor.addPair(renditions, name, RenditionEncoder.webp(image),
                RenditionEncoder.jpeg(image, RenditionEncoder.JPEG_QUALITY));
    }

    /** A view, not a copy: the crop costs no memory until it is scaled. */
    private static BufferedImage centreSquare(BufferedImage image) {
        int side = Math.min(image.getWidth(), image.getHeight());
        return image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    }

    private static BufferedImage scale(BufferedImage image, Size size) throws IOException {
        if (image.getWidth() == size.width() && image.getHeight() == size.height()) {
            return image;
        }
        return Thumbnails.of(image)
                .forceSize(size.width(), size.height())
                .imageType(image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
                .asBufferedImage();
    }
}
