package dev.shutter.media.photo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import java.util.ArrayList;
import java.util.List;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Turns an uploaded photo into what the feed serves: upright, sRGB, metadata-free renditions
 * (WebP plus a JPEG fallback), a stripped original and a blurhash. Plain CPU work with no
 * framework; the caller runs it on a bounded pool sized with {@link #estimatedBytes(int, int)}.
 */
public final class PhotoProcessor {

    public static final int THUMB_SIDE = 150;
    public static final int MEDIUM_WIDTH = 640;
    public static final int HQ_WIDTH = 1080;
    /** Blurhash needs only the broad colour layout; a 32 px copy encodes in well under a millisecond. */
    private static final int BLURHASH_SOURCE_SIDE = 32;
    private static final long RENDITION_OVERHEAD_BYTES = 8L * 1024 * 1024;

    /** Whether this worker can take HEIC uploads (needs the libvips CLI on PATH). */
    public static boolean heicSupported() {
        return HeicConverter.available();
    }

    /**
     * Peak heap for one photo of this size: the decoded pixels and their upright sRGB copy (at most
     * 4 bytes per pixel each), plus the hq rendition and its opaque JPEG copy, plus encoder buffers.
     */
    public static long estimatedBytes(int width, int height) {
        long pixels = (long) width * height;
        long hqPixels = width <= HQ_WIDTH ? pixels : (long) HQ_WIDTH * Math.max(1, (long) height * HQ_WIDTH / width);
        return pixels * 4 * 2 + hqPixels * 4 * 2 + RENDITION_OVERHEAD_BYTES;
    }

    /**
     * Peak heap to reserve for this file before processing it, from its header alone (nothing is
     * decoded); for a format ImageIO cannot read (HEIC) a generous guess from the file size. A
     * header that cannot be read reserves nothing: processing will reject the file anyway.
     */
    public static long estimatedBytes(Path original) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(original.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    return estimatedBytes(reader.getWidth(0), reader.getHeight(0));
                } catch (IOException | RuntimeException unreadable) {
                    return 0;
                } finally {
                    reader.dispose();
                }
            }
        }
        return Math.max(RENDITION_OVERHEAD_BYTES, Files.size(original) * 16);
    }

    /**
     * @param declaredContentType what the client said it uploads; null means "not declared" and skips the check
     * @throws MediaRejectedException the upload can never become a photo (wrong type, too large, corrupt)
     * @throws IOException the file could not be read or a temporary file written: worth a retry
     */
    public ProcessedPhoto process(Path original, String declaredContentType) throws MediaRejectedException, IOException {
        MediaKind kind = sniff(original, declaredContentType);
        BufferedImage upright = uprightSrgb(original, kind);
        return render(upright);
    }

    private static MediaKind sniff(Path original, String declaredContentType) throws MediaRejectedException, IOException {
        MediaKind kind = MagicBytes.identify(original, declaredContentType, "corrupt or truncated image: empty file");
        if (kind.isVideo()) {
            throw new MediaRejectedException("unsupported type: " + kind.contentType() + " is a video, not a photo");
        }
        return kind;
    }

    private static BufferedImage uprightSrgb(Path original, MediaKind kind) throws MediaRejectedException, IOException {
        if (kind != MediaKind.HEIC) {
            BufferedImage decoded = ImageDecoder.decode(original, kind);
            return Orientation.applyToSrgb(decoded, Orientation.read(original));
        }
        if (!heicSupported()) {
            throw new MediaRejectedException("HEIC is not supported on this worker");
        }
        Path png = Files.createTempFile("shutter-heic-", ".png");
        try {
            HeicConverter.toPng(original, png);
            // Already upright: the HEIF transform boxes were applied by libheif, the EXIF copy was stripped.
            return Orientation.applyToSrgb(ImageDecoder.decode(png, MediaKind.PNG), 1);
        } finally {
            Files.deleteIfExists(png);
        }
    }

    private static ProcessedPhoto render(BufferedImage upright) throws IOException {
        int width = upright.getWidth();
        int height = upright.getHeight();
        boolean alpha = upright.getColorModel().hasAlpha();
        List<Rendition> renditions = new ArrayList<>(7);

        int side = Math.min(THUMB_SIDE, Math.min(width, height));
        BufferedImage square = centreSquare(upright);
        addPair(renditions, "thumb", scale(square, side, side));

        // Medium is scaled from hq, not from the full image: a quarter of the work, same look.
        BufferedImage hq = scaleToWidth(upright, HQ_WIDTH);
        BufferedImage medium = scaleToWidth(hq, MEDIUM_WIDTH);
        String blurhash = Blurhash.encode(fitWithin(medium, BLURHASH_SOURCE_SIDE), 4, 3);
        addPair(renditions, "medium", medium);
        addPair(renditions, "hq", hq);

        renditions.add(alpha
                ? new Rendition("original", "original.png", "image/png", RenditionEncoder.png(upright))
                : new Rendition("original", "original.jpg", "image/jpeg",
                        RenditionEncoder.jpeg(upright, RenditionEncoder.ORIGINAL_JPEG_QUALITY)));
        return new ProcessedPhoto(width, height, blurhash, List.copyOf(renditions));
    }

    private static void addPair(List<Rendition> renditions, String name, BufferedImage image) throws IOException {
        renditions.add(new Rendition(name, name + ".webp", "image/webp", RenditionEncoder.webp(image)));
        renditions.add(new Rendition(name + ".jpeg", name + ".jpg", "image/jpeg",
                RenditionEncoder.jpeg(image, RenditionEncoder.JPEG_QUALITY)));
    }

    /** A view, not a copy: the crop costs no memory until it is scaled. */
    private static BufferedImage centreSquare(BufferedImage image) {
        int side = Math.min(image.getWidth(), image.getHeight());
        return image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    }

    /** Never upscales: an image already at most {@code maxWidth} wide is returned as it is. */
    private static BufferedImage scaleToWidth(BufferedImage image, int maxWidth) throws IOException {
        if (image.getWidth() <= maxWidth) {
            return image;
        }
        int height = (int) Math.max(1, Math.round((double) image.getHeight() * maxWidth / image.getWidth()));
        return scale(image, maxWidth, height);
    }

    private static BufferedImage fitWithin(BufferedImage image, int maxSide) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= maxSide && h <= maxSide) {
            return image;
        }
        double factor = (double) maxSide / Math.max(w, h);
        return scale(image, (int) Math.max(1, Math.round(w * factor)), (int) Math.max(1, Math.round(h * factor)));
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
