package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an uploaded photo into what the feed serves: upright, sRGB, metadata-free renditions
 * (WebP plus a JPEG fallback), a stripped original and a blurhash. Plain CPU work with no
 * framework; the caller runs it on a bounded pool sized with {@link #estimatedBytes(int, int)}.
 *
 * <p>Two engines make the same renditions under the same rules. {@link Engine#LIBVIPS} (libvips
 * in-process, {@link VipsPhotos}) is used whenever libvips loads: it decodes JPEGs at a reduced
 * scale when the largest rendition allows, and is the only one that reads HEIC.
 * {@link Engine#JAVA} (ImageIO, Thumbnailator, libwebp through webp-imageio: {@link JavaPhotos})
 * is the fallback on a machine without libvips: JPEG, PNG and WebP only, at about twice the CPU.
 */
public final class PhotoProcessor {

    public static final int THUMB_SIDE = 150;
    public static final int MEDIUM_WIDTH = 640;
    /** A story's variant fits inside 1080×1920 (9:16). */
    public static final int STORY_WIDTH = 1080;
    public static final int STORY_HEIGHT = 1920;
    public static final int HQ_WIDTH = 1080;
    /** Blurhash needs only the broad colour layout; a 32 px copy encodes in well under a millisecond. */
    static final int BLURHASH_SOURCE_SIDE = 32;
    private static final long RENDITION_OVERHEAD_BYTES = 8L * 1024 * 1024;

    /** Which code turns pixels into renditions. */
    public enum Engine {
        /** libvips 8.12+ through the FFM API ({@code libvips.so.42}, Debian {@code libvips42}). */
        LIBVIPS,
        /** Pure Java: no HEIC. */
        JAVA
    }

    private final Engine engine;

    /** libvips when it loads, pure Java otherwise. */
    public PhotoProcessor() {
        this(defaultEngine());
    }

    /** @throws IllegalStateException asked for libvips where it does not load */
    public PhotoProcessor(Engine engine) {
        if (engine == Engine.LIBVIPS && !Vips.available()) {
            throw new IllegalStateException(Vips.status());
        }
        this.engine = engine;
    }

    public static Engine defaultEngine() {
        return Vips.available() ? Engine.LIBVIPS : Engine.JAVA;
    }

    public Engine engine() {
        return engine;
    }

    /** Whether this worker can take HEIC uploads (needs libvips in-process). */
    public static boolean heicSupported() {
        return Vips.available();
    }

    /** One line for the startup log: which engine photos go through, and why. */
    public static String engineStatus() {
        return Vips.available()
                ? Vips.status() + " (HEIC supported)"
                : Vips.status() + ": photos in pure Java (about twice the CPU), HEIC NOT supported (install libvips42)";
    }

    /**
     * Peak heap for one photo of this size: the decoded pixels and their upright sRGB copy (at most
     * 4 bytes per pixel each), plus the hq rendition and its opaque JPEG copy, plus encoder buffers
     * (a story's largest picture is never larger than hq, so this covers its set too).
     * The libvips engine keeps its pixels off the heap, in about the same room; reserving it from the
     * heap budget all the same keeps several large photos from being decoded at once either way.
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
        return process(original, declaredContentType, RenditionSet.POST);
    }

    /** @param set which renditions to make: a post's, or a story's ({@link RenditionSet}) */
    public ProcessedPhoto process(Path original, String declaredContentType, RenditionSet set)
            throws MediaRejectedException, IOException {
        MediaType kind = sniff(original, declaredContentType);
        if (engine == Engine.LIBVIPS) {
            return VipsPhotos.render(original, kind, set);
        }
        if (kind == MediaType.HEIC) {
            throw new MediaRejectedException("HEIC is not supported on this worker");
        }
        return JavaPhotos.render(original, kind, set);
    }

    private static MediaType sniff(Path original, String declaredContentType) throws MediaRejectedException, IOException {
        MediaType kind = MagicBytes.identify(original, declaredContentType, "corrupt or truncated image: empty file");
        if (kind.isVideo()) {
            throw new MediaRejectedException("unsupported type: " + kind.contentType() + " is a video, not a photo");
        }
        return kind;
    }

    // ---- the rules both engines follow ---------------------------------------------------------

    /** A width × height pair. */
    record Size(int width, int height) {}

    /** The size of an image at most {@code maxWidth} wide, never upscaled, aspect kept. */
    static Size scaledToWidth(int width, int height, int maxWidth) {
        if (width <= maxWidth) {
            return new Size(width, height);
        }
        return new Size(maxWidth, (int) Math.max(1, Math.round((double) height * maxWidth / width)));
    }

    /** The size of an image fitting within {@code maxSide} square, never upscaled, aspect kept. */
    static Size fitWithin(int width, int height, int maxSide) {
        if (width <= maxSide && height <= maxSide) {
            return new Size(width, height);
        }
        double factor = (double) maxSide / Math.max(width, height);
        return new Size((int) Math.max(1, Math.round(width * factor)), (int) Math.max(1, Math.round(height * factor)));
    }

    /** The size of an image fitting inside {@code maxWidth} × {@code maxHeight}, never upscaled, aspect kept. */
    static Size fitInside(int width, int height, int maxWidth, int maxHeight) {
        if (width <= maxWidth && height <= maxHeight) {
            return new Size(width, height);
        }
        double factor = Math.min((double) maxWidth / width, (double) maxHeight / height);
        return new Size((int) Math.max(1, Math.round(width * factor)), (int) Math.max(1, Math.round(height * factor)));
    }

    /** The thumb's side: a centre square, 150 px or the image's shorter side if less. */
    static int thumbSide(int width, int height) {
        return Math.min(THUMB_SIDE, Math.min(width, height));
    }

    /** Rendition order and naming: each size as WebP, then its JPEG fallback. */
    static void addPair(List<Rendition> renditions, String name, byte[] webp, byte[] jpeg) {
        renditions.add(new Rendition(name, name + ".webp", "image/webp", webp));
        renditions.add(new Rendition(name + ".jpeg", name + ".jpg", "image/jpeg", jpeg));
    }

    static Rendition jpegOriginal(byte[] bytes) {
        return new Rendition("original", "original.jpg", "image/jpeg", bytes);
    }

    static Rendition pngOriginal(byte[] bytes) {
        return new Rendition("original", "original.png", "image/png", bytes);
    }
}
