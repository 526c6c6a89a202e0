package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
import dev.shutter.media.photo.PhotoProcessor.Size;
import dev.shutter.media.photo.Vips.VipsException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The libvips engine ({@link PhotoProcessor.Engine#LIBVIPS}). One decode per photo, then
 * everything from pixels in memory:
 *
 * <ol>
 *   <li>the header alone is opened and checked against {@link PixelLimits};
 *   <li>a JPEG whose original can be kept as it is ({@link StrippedJpeg}), or that keeps no original
 *       (a story's), is decoded at 1/2, 1/4 or 1/8 scale by libjpeg when the largest rendition still
 *       gets enough pixels ({@link #jpegShrink}); any other photo is decoded whole, since its
 *       original is re-encoded;
 *   <li>EXIF orientation (read with the same {@link Orientation#read} as the Java engine) is applied
 *       with rot/flip, colours are converted to 8-bit sRGB, and every metadata field is removed;
 *   <li>hq (or story: {@link RenditionSet}) is resized from that, medium from hq, thumb from a
 *       centre square, the blurhash from the smallest; each is saved as WebP (Q 82) and JPEG (Q 85,
 *       flattened on white).
 * </ol>
 */
final class VipsPhotos {

    static final int WEBP_QUALITY = Math.round(RenditionEncoder.WEBP_QUALITY * 100);
    static final int JPEG_QUALITY = Math.round(RenditionEncoder.JPEG_QUALITY * 100);
    static final int ORIGINAL_JPEG_QUALITY = Math.round(RenditionEncoder.ORIGINAL_JPEG_QUALITY * 100);

    /**
     * How much larger than a rendition the shrunk decode must stay, per side: libjpeg's scaled
     * decode is a plain DCT reduction, and the lanczos3 resize after it is what makes the result
     * look right, so it is left some of the work (vips_thumbnail leaves 2; 1.5 keeps the hq WebP
     * within a few per cent of vipsthumbnail's size at the same quality — see bench/README.md).
     */
    static final double MIN_FINAL_REDUCTION = 1.5;

    private VipsPhotos() {}

    static ProcessedPhoto render(Path original, MediaType kind, RenditionSet set) throws MediaRejectedException, IOException {
        byte[] file = Files.readAllBytes(original);
        if (file.length == 0) {
            throw new MediaRejectedException("corrupt or truncated image: empty file");
        }
        // libheif has already applied the HEIF rotation/mirror boxes: its EXIF copy must not turn it again.
        int orientation = kind == MediaType.HEIC ? 1 : Orientation.read(original);
        byte[] lossless = kind == MediaType.JPEG && set.keepsOriginal() ? StrippedJpeg.of(file, orientation).orElse(null) : null;
        boolean fullPixelsNeeded = set.keepsOriginal() && lossless == null;

        try (Arena arena = Arena.ofConfined(); Images images = new Images()) {
            MemorySegment bytes = arena.allocateFrom(ValueLayout.JAVA_BYTE, file);

            MemorySegment header = images.add(decodeStep(() -> Vips.load(kind, bytes, 1, arena)));
            int storedWidth = Vips.width(header);
            int storedHeight = Vips.height(header);
            PixelLimits.check(storedWidth, storedHeight);
            boolean swapsSides = orientation >= 5;
            int width = swapsSides ? storedHeight : storedWidth;
            int height = swapsSides ? storedWidth : storedHeight;

            int shrink = kind == MediaType.JPEG && !fullPixelsNeeded ? jpegShrink(width, height, set) : 1;
            MemorySegment source = shrink == 1 ? header
                    : images.add(decodeStep(() -> Vips.load(kind, bytes, shrink, arena)));
            MemorySegment decoded = images.add(decodeStep(() -> Vips.copyMemory(source)));
            MemorySegment converted = uprightSrgb(decoded, orientation, images, arena);
            // Rotation and colour conversion are lazy: compute them once for the readers below.
            MemorySegment upright = converted == decoded ? decoded : images.add(Vips.copyMemory(converted));
            return renditions(images.add(Vips.withoutMetadata(upright, arena)), width, height, lossless, set, images, arena);
        } catch (VipsException e) {
            throw new IOException("libvips: " + e.firstLine(), e);
        }
    }

    private static ProcessedPhoto renditions(MemorySegment upright, int width, int height, byte[] lossless, RenditionSet set,
            Images images, Arena arena) throws VipsException {
        int uprightWidth = Vips.width(upright);
        int uprightHeight = Vips.height(upright);
        boolean alpha = Vips.hasAlpha(upright);
        List<Rendition> renditions = new ArrayList<>(7);

        // Thumb: the centre square, at 150 px (or the full image's shorter side if less).
        int square = Math.min(uprightWidth, uprightHeight);
        int side = PhotoProcessor.thumbSide(width, height);
        MemorySegment crop = images.add(Vips.crop(upright,
                (uprightWidth - square) / 2, (uprightHeight - square) / 2, square, square, arena));
        MemorySegment thumb = images.add(Vips.copyMemory(images.add(resized(crop, new Size(side, side), arena))));
        addPair(renditions, "thumb", thumb, images, arena);

        // Sizes from the full image's, so both engines (and any decode scale) agree to the pixel.
        Size largestSize = set.largestSize(width, height);
        MemorySegment largest = sameSize(upright, largestSize) ? upright
                : images.add(Vips.copyMemory(images.add(resized(upright, largestSize, arena))));
        MemorySegment medium = null;
        if (set.hasMedium()) {
            Size mediumSize = PhotoProcessor.scaledToWidth(largestSize.width(), largestSize.height(), PhotoProcessor.MEDIUM_WIDTH);
            medium = sameSize(largest, mediumSize) ? largest
                    : images.add(Vips.copyMemory(images.add(resized(largest, mediumSize, arena))));
        }
        BufferedImage small = blurhashSource(medium != null ? medium : largest, images, arena);
        String blurhash = Blurhash.encode(small, 4, 3);
        if (medium != null) {
            addPair(renditions, "medium", medium, images, arena);
        }
        addPair(renditions, set.largestName(), largest, images, arena);

        if (set.keepsOriginal()) {
            renditions.add(original(upright, lossless, alpha, arena));
        }
        return new ProcessedPhoto(width, height, blurhash, MeanColour.of(small), List.copyOf(renditions));
    }

    /** The stripped original: the JPEG's own compressed pixels when they could be kept, else re-encoded. */
    private static Rendition original(MemorySegment upright, byte[] lossless, boolean alpha, Arena arena) throws VipsException {
        if (lossless != null) {
            return PhotoProcessor.jpegOriginal(lossless);
        }
        return alpha ? PhotoProcessor.pngOriginal(Vips.png(upright, arena))
                : PhotoProcessor.jpegOriginal(Vips.jpeg(upright, ORIGINAL_JPEG_QUALITY, arena));
    }

    /** {@link #jpegShrink(int, int, RenditionSet)} for a post. */
    static int jpegShrink(int width, int height) {
        return jpegShrink(width, height, RenditionSet.POST);
    }

    /**
     * The largest libjpeg scale-down (1, 2, 4 or 8) that still leaves the set's largest picture and
     * the thumb {@link #MIN_FINAL_REDUCTION} times their size to be resized from. Sides as libjpeg
     * rounds them (up).
     */
    static int jpegShrink(int width, int height, RenditionSet set) {
        Size largest = set.largestSize(width, height);
        int side = PhotoProcessor.thumbSide(width, height);
        int best = 1;
        for (int shrink = 2; shrink <= 8; shrink *= 2) {
            int w = (width + shrink - 1) / shrink;
            int h = (height + shrink - 1) / shrink;
            if (w < largest.width() * MIN_FINAL_REDUCTION || Math.min(w, h) < side * MIN_FINAL_REDUCTION) {
                break;
            }
            best = shrink;
        }
        return best;
    }

    /**
     * Upright (all 8 EXIF orientations, as rot/flip) and 8-bit sRGB: an embedded profile other than
     * sRGB, or CMYK, goes through ICC (libvips' CMYK profile when the file has none); grey, 16-bit
     * and the like through libvips' colourspace. May return {@code decoded} itself when nothing is to do.
     */
    private static MemorySegment uprightSrgb(MemorySegment decoded, int orientation, Images images, Arena arena)
            throws VipsException {
        MemorySegment image = decoded;
        switch (orientation) {
            case 2 -> image = images.add(Vips.flip(image, Vips.DIRECTION_HORIZONTAL, arena));
            case 3 -> image = images.add(Vips.rotate(image, Vips.ANGLE_D180, arena));
            case 4 -> image = images.add(Vips.flip(image, Vips.DIRECTION_VERTICAL, arena));
            case 5 -> image = images.add(Vips.flip(images.add(Vips.rotate(image, Vips.ANGLE_D90, arena)),
                    Vips.DIRECTION_HORIZONTAL, arena));
            case 6 -> image = images.add(Vips.rotate(image, Vips.ANGLE_D90, arena));
            case 7 -> image = images.add(Vips.flip(images.add(Vips.rotate(image, Vips.ANGLE_D270, arena)),
                    Vips.DIRECTION_HORIZONTAL, arena));
            case 8 -> image = images.add(Vips.rotate(image, Vips.ANGLE_D270, arena));
            default -> { }
        }
        boolean cmyk = Vips.interpretation(image) == Vips.INTERPRETATION_CMYK;
        byte[] profile = Vips.blob(image, "icc-profile-data", arena);
        if (cmyk || (profile != null && !IccProfiles.isSrgb(profile))) {
            image = images.add(Vips.iccToSrgb(image, cmyk ? "cmyk" : "srgb", arena));
        }
        if (Vips.interpretation(image) != Vips.INTERPRETATION_SRGB || Vips.bands(image) < 3) {
            image = images.add(Vips.colourspace(image, Vips.INTERPRETATION_SRGB, arena));
        }
        if (Vips.format(image) != Vips.FORMAT_UCHAR) {
            image = images.add(Vips.cast(image, Vips.FORMAT_UCHAR, arena));
        }
        return image;
    }

    private static boolean sameSize(MemorySegment image, Size size) {
        return Vips.width(image) == size.width() && Vips.height(image) == size.height();
    }

    private static MemorySegment resized(MemorySegment image, Size size, Arena arena) throws VipsException {
        return sameSize(image, size) ? Vips.copyMemory(image) : Vips.resize(image, size.width(), size.height(), arena);
    }

    private static void addPair(List<Rendition> renditions, String name, MemorySegment image, Images images, Arena arena)
            throws VipsException {
        byte[] webp = Vips.webp(image, WEBP_QUALITY, arena);
        MemorySegment opaque = Vips.hasAlpha(image) ? images.add(Vips.flattenOnWhite(image, arena)) : image;
        PhotoProcessor.addPair(renditions, name, webp, Vips.jpeg(opaque, JPEG_QUALITY, arena));
    }

    /** The medium rendition at most 32 px: what the blurhash and the mean colour are computed from. */
    private static BufferedImage blurhashSource(MemorySegment medium, Images images, Arena arena) throws VipsException {
        Size size = PhotoProcessor.fitWithin(Vips.width(medium), Vips.height(medium), PhotoProcessor.BLURHASH_SOURCE_SIDE);
        MemorySegment small = sameSize(medium, size) ? medium : images.add(resized(medium, size, arena));
        byte[] pixels = Vips.pixels(small, arena);
        int bands = Vips.bands(small);
        BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[size.width() * size.height()];
        for (int i = 0; i < rgb.length; i++) {
            int p = i * bands;
            rgb[i] = ((pixels[p] & 0xFF) << 16) | ((pixels[p + 1] & 0xFF) << 8) | (pixels[p + 2] & 0xFF);
        }
        image.setRGB(0, 0, size.width(), size.height(), rgb, 0, size.width());
        return image;
    }

    // ---- failure classification ----------------------------------------------------------------

    @FunctionalInterface
    private interface Step {
        MemorySegment run() throws VipsException;
    }

    /** Opening or decoding the upload: a libvips failure here is the file's fault, for good. */
    private static MemorySegment decodeStep(Step step) throws MediaRejectedException {
        try {
            return step.run();
        } catch (VipsException e) {
            throw new MediaRejectedException("corrupt or truncated image: " + e.firstLine(), e);
        }
    }

    /** Every image reference taken for one photo, dropped together (in reverse) when it is done. */
    private static final class Images implements AutoCloseable {
        private final Deque<MemorySegment> taken = new ArrayDeque<>();

        MemorySegment add(MemorySegment image) {
            taken.push(image);
            return image;
        }

        @Override
        public void close() {
            while (!taken.isEmpty()) {
                Vips.unref(taken.pop());
            }
        }
    }
}
