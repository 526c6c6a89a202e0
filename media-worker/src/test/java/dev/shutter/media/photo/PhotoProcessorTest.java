package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
import static dev.shutter.media.photo.TestImages.GREEN;
import static dev.shutter.media.photo.TestImages.RED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import dev.shutter.media.RequiredTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The photo pipeline's guarantees, run once per engine ({@link LibvipsPhotoProcessorTest},
 * {@link JavaPhotoProcessorTest}): both must keep every one of them.
 */
abstract class PhotoProcessorTest {

    @TempDir
    Path dir;

    PhotoProcessor processor;

    abstract PhotoProcessor.Engine engine();

    @BeforeEach
    void createProcessor() {
        processor = new PhotoProcessor(engine());
    }

    @Test
    void aStoryGetsOnlyAStoryPairInside1080By1920NeverUpscaledAndTheThumbAllWithoutMetadata() throws Exception {
        for (int[] size : new int[][] {{4000, 3000, 1080, 810}, {1500, 4000, 720, 1920}, {600, 800, 600, 800}}) {
            byte[] input = TestImages.withXmp(TestImages.withExif(
                    TestImages.encode(TestImages.noisyWithCornerMarkers(size[0], size[1], size[0] / 10, size[1] / 10), "jpg"), 1, true));
            TestImages.assertHasGpsAndXmp(input);
            String what = size[0] + "x" + size[1];

            ProcessedPhoto photo = processor.process(write("story.jpg", input), "image/jpeg", RenditionSet.STORY);

            assertEquals(size[0], photo.width(), what);
            assertEquals(size[1], photo.height(), what);
            assertEquals(List.of("thumb", "thumb.jpeg", "story", "story.jpeg"),
                    photo.renditions().stream().map(Rendition::name).toList(), what);
            Map<String, Rendition> byName = byName(photo);
            assertEquals("story.webp", byName.get("story").fileName());
            assertEquals("image/webp", byName.get("story").contentType());
            assertEquals("story.jpg", byName.get("story.jpeg").fileName());
            assertEquals("image/jpeg", byName.get("story.jpeg").contentType());
            assertSize(byName.get("story"), size[2], size[3]);
            assertSize(byName.get("story.jpeg"), size[2], size[3]);
            assertSize(byName.get("thumb"), PhotoProcessor.THUMB_SIDE, PhotoProcessor.THUMB_SIDE);
            assertSize(byName.get("thumb.jpeg"), PhotoProcessor.THUMB_SIDE, PhotoProcessor.THUMB_SIDE);
            BufferedImage story = decode(byName.get("story"));
            assertColour(what + " story top-left", RED, story.getRGB(story.getWidth() / 40, story.getHeight() / 40));
            for (Rendition rendition : photo.renditions()) {
                TestImages.assertNoMetadata(what + " " + rendition.fileName(), rendition.bytes());
            }
            assertBlurhashShape(photo.blurhash());
        }
    }

    @Test
    void aPostGetsNoStoryPair() throws Exception {
        ProcessedPhoto post = processor.process(write("post.jpg", TestImages.encode(
                TestImages.noisyWithCornerMarkers(800, 600, 80, 60), "jpg")), "image/jpeg");
        assertEquals(List.of("thumb", "thumb.jpeg", "medium", "medium.jpeg", "hq", "hq.jpeg", "original"),
                post.renditions().stream().map(Rendition::name).toList());
    }

    @Test
    void theMeanColourIsThePhotosAverageInSrgb() throws Exception {
        // Left half red, right half blue, as a PNG so no compression shifts the colours.
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(800, 600, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                image.setRGB(x, y, x < 400 ? 0xFF0000 : 0x0000FF);
            }
        }
        ProcessedPhoto photo = processor.process(write("halves.png", TestImages.encode(image, "png")), "image/png");
        assertEquals(0.5, photo.meanColour().red(), 0.03);
        assertEquals(0.0, photo.meanColour().green(), 0.03);
        assertEquals(0.5, photo.meanColour().blue(), 0.03);
    }

    @Test
    void phonePhotoIsTurnedUprightScaledAndStrippedOfExifGpsAndXmp() throws Exception {
        // Stored landscape 3000×2000 with Orientation=6: displayed portrait 2000×3000.
        byte[] input = TestImages.withXmp(TestImages.withExif(
                TestImages.encode(TestImages.noisyWithCornerMarkers(3000, 2000, 300, 300), "jpg"), 6, true));
        TestImages.assertHasGpsAndXmp(input);
        Path file = write("phone.jpg", input);

        ProcessedPhoto photo = processor.process(file, "image/jpeg");

        assertEquals(2000, photo.width());
        assertEquals(3000, photo.height());
        Map<String, Rendition> byName = byName(photo);
        assertEquals(List.of("thumb", "thumb.jpeg", "medium", "medium.jpeg", "hq", "hq.jpeg", "original"),
                photo.renditions().stream().map(Rendition::name).toList());
        assertSize(byName.get("thumb"), 150, 150);
        assertSize(byName.get("thumb.jpeg"), 150, 150);
        assertSize(byName.get("medium"), 640, 960);
        assertSize(byName.get("medium.jpeg"), 640, 960);
        assertSize(byName.get("hq"), 1080, 1620);
        assertSize(byName.get("hq.jpeg"), 1080, 1620);
        assertSize(byName.get("original"), 2000, 3000);
        assertEquals("original.jpg", byName.get("original").fileName());

        // Rotated 90° clockwise: the stored top-left (red) is now top-right, the stored top-right (green) bottom-right.
        for (String name : List.of("original", "hq", "hq.jpeg", "medium")) {
            BufferedImage image = decode(byName.get(name));
            int w = image.getWidth();
            int h = image.getHeight();
            assertColour(name + " top-right", RED, image.getRGB(w - 1 - w / 40, h / 60));
            assertColour(name + " bottom-right", GREEN, image.getRGB(w - 1 - w / 40, h - 1 - h / 60));
            assertFalse(isNear(RED, image.getRGB(w / 40, h / 60)), name + " top-left should not be red");
        }
        for (Rendition rendition : photo.renditions()) {
            TestImages.assertNoMetadata(rendition.fileName(), rendition.bytes());
        }
        assertBlurhashShape(photo.blurhash());
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyExifOrientationIsApplied(int orientation) throws Exception {
        int w = 160;
        int h = 96;
        byte[] input = TestImages.withExif(
                TestImages.encode(TestImages.noisyWithCornerMarkers(w, h, 48, 32), "jpg"), orientation, false);
        ProcessedPhoto photo = processor.process(write("o" + orientation + ".jpg", input), "image/jpeg");

        boolean swapped = orientation >= 5;
        assertEquals(swapped ? h : w, photo.width());
        assertEquals(swapped ? w : h, photo.height());
        BufferedImage upright = decode(byName(photo).get("original"));
        // Where the stored top-left (red) and top-right (green) corners must end up, per the EXIF spec.
        Corner red = switch (orientation) {
            case 1, 5 -> Corner.TOP_LEFT;
            case 2, 6 -> Corner.TOP_RIGHT;
            case 3, 7 -> Corner.BOTTOM_RIGHT;
            default -> Corner.BOTTOM_LEFT;
        };
        Corner green = switch (orientation) {
            case 1, 7 -> Corner.TOP_RIGHT;
            case 2, 8 -> Corner.TOP_LEFT;
            case 3, 5 -> Corner.BOTTOM_LEFT;
            default -> Corner.BOTTOM_RIGHT;
        };
        assertColour("red corner", RED, red.sample(upright));
        assertColour("green corner", GREEN, green.sample(upright));
    }

    @Test
    void pngWithAlphaKeepsAlphaInWebpAndBecomesWhiteInJpeg() throws Exception {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 0, 0, 128));
        g.fillRect(200, 0, 200, 300); // left half stays fully transparent
        g.dispose();
        ProcessedPhoto photo = processor.process(write("alpha.png", TestImages.encode(image, "png")), "image/png");

        Map<String, Rendition> byName = byName(photo);
        Rendition original = byName.get("original");
        assertEquals("original.png", original.fileName());
        assertEquals("image/png", original.contentType());
        BufferedImage originalDecoded = decode(original);
        assertTrue(originalDecoded.getColorModel().hasAlpha());
        assertEquals(0, originalDecoded.getRGB(10, 10) >>> 24);

        for (String name : List.of("thumb", "medium", "hq")) {
            BufferedImage webp = decode(byName.get(name));
            assertTrue(webp.getColorModel().hasAlpha(), name + " lost alpha");
            assertTrue((webp.getRGB(2, 2) >>> 24) < 10, name + " transparent corner is opaque");
            assertTrue(Math.abs((webp.getRGB(webp.getWidth() - 3, 2) >>> 24) - 128) < 12, name + " half alpha");
            BufferedImage jpeg = decode(byName.get(name + ".jpeg"));
            assertColour(name + ".jpeg flattened on white", 0xFFFFFF, jpeg.getRGB(2, 2));
        }
        assertSize(byName.get("thumb"), 150, 150);
        assertSize(byName.get("medium"), 400, 300);
        assertSize(byName.get("hq"), 400, 300);
        for (Rendition rendition : photo.renditions()) {
            TestImages.assertNoMetadata(rendition.fileName(), rendition.bytes());
        }
    }

    @Test
    void onePixelWideImageIsNeverUpscaled() throws Exception {
        BufferedImage image = new BufferedImage(1, 3000, BufferedImage.TYPE_INT_RGB);
        Path file = write("line.png", TestImages.encode(image, "png"));
        ProcessedPhoto photo = processor.process(file, "image/png");
        assertEquals(1, photo.width());
        assertEquals(3000, photo.height());
        Map<String, Rendition> byName = byName(photo);
        assertSize(byName.get("thumb"), 1, 1);
        assertSize(byName.get("thumb.jpeg"), 1, 1);
        assertSize(byName.get("medium"), 1, 3000);
        assertSize(byName.get("hq"), 1, 3000);
        assertSize(byName.get("original"), 1, 3000);
        assertBlurhashShape(photo.blurhash());
    }

    @Test
    void smallPhotoKeepsItsSize() throws Exception {
        Path file = write("small.jpg", TestImages.encode(TestImages.noisyWithCornerMarkers(300, 200, 30, 30), "jpg"));
        ProcessedPhoto photo = processor.process(file, "image/jpeg");
        Map<String, Rendition> byName = byName(photo);
        assertSize(byName.get("thumb"), 150, 150);
        assertSize(byName.get("medium"), 300, 200);
        assertSize(byName.get("medium.jpeg"), 300, 200);
        assertSize(byName.get("hq"), 300, 200);
        assertSize(byName.get("original"), 300, 200);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws Exception {
        // Adobe-style inverted CMYK, pure magenta+yellow ink (= red), as print tools export it.
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 64, 48, 4, null);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                raster.setPixel(x, y, new int[] {255, 0, 0, 255});
            }
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        ProcessedPhoto photo = processor.process(write("cmyk.jpg", bytes.toByteArray()), "image/jpeg");
        assertEquals(64, photo.width());
        assertColour("cmyk red", RED, decode(byName(photo).get("original")).getRGB(30, 20));
    }

    @Test
    void greyscalePngBecomesRgbWithTheSameGrey() throws Exception {
        BufferedImage grey = new BufferedImage(200, 100, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        ProcessedPhoto photo = processor.process(write("grey.png", TestImages.encode(grey, "png")), "image/png");
        assertColour("grey", 0x808080, decode(byName(photo).get("original")).getRGB(100, 50));
        assertEquals("original.jpg", byName(photo).get("original").fileName());
    }

    @Test
    void webpInputIsAccepted() throws Exception {
        byte[] webp = RenditionEncoder.webp(TestImages.noisyWithCornerMarkers(800, 600, 80, 80));
        ProcessedPhoto photo = processor.process(write("in.webp", webp), "image/webp");
        assertEquals(800, photo.width());
        assertSize(byName(photo).get("medium"), 640, 480);
    }

    @Test
    void heicIsConvertedByLibvipsAndRefusedWithoutIt() throws Exception {
        RequiredTool.require(TestImages.vipsCommandAvailable(), "the vips command (to make a HEIC)");
        Path png = write("src.png", TestImages.encode(TestImages.noisyWithCornerMarkers(1200, 800, 100, 100), "png"));
        Path heic = dir.resolve("in.heic");
        Process vips = new ProcessBuilder("vips", "copy", png.toString(), heic.toString()).inheritIO().start();
        assertEquals(0, vips.waitFor());

        if (engine() == PhotoProcessor.Engine.JAVA) {
            assertEquals("HEIC is not supported on this worker", reject(heic, "image/heic"));
            return;
        }
        ProcessedPhoto photo = processor.process(heic, "image/heic");
        assertEquals(1200, photo.width());
        assertEquals(800, photo.height());
        assertSize(byName(photo).get("hq"), 1080, 720);
        assertColour("top-left", RED, decode(byName(photo).get("original")).getRGB(20, 20));
        for (Rendition rendition : photo.renditions()) {
            TestImages.assertNoMetadata(rendition.fileName(), rendition.bytes());
        }
    }

    @Test
    void uprightSrgbJpegKeepsItsCompressedPixelsAsTheOriginalWithoutAnyMetadata() throws Exception {
        BufferedImage source = TestImages.noisyWithCornerMarkers(900, 600, 90, 60);
        // Orientation 1 with GPS, XMP, a comment and a motion-photo-style tail after EOI.
        byte[] input = TestImages.withTrailer(TestImages.withComment(TestImages.withXmp(TestImages.withExif(
                TestImages.encode(source, "jpg"), 1, true)), "secret comment"), "ftypmp42 video after EOI");
        TestImages.assertHasGpsAndXmp(input);

        ProcessedPhoto photo = processor.process(write("gps.jpg", input), "image/jpeg");

        Rendition original = byName(photo).get("original");
        assertEquals("original.jpg", original.fileName());
        TestImages.assertNoMetadata("original.jpg", original.bytes());
        TestImages.assertLacks(original.bytes(), "ShutterCam", "secret", "ftypmp42", "Exif", "http://ns.adobe.com/xap");
        assertEquals(0xD9, original.bytes()[original.bytes().length - 1] & 0xFF, "ends with EOI");
        // Lossless: decodes to exactly the pixels the upload decodes to.
        TestImages.assertSamePixels(ImageIO.read(new ByteArrayInputStream(input)), decode(original));
        for (Rendition rendition : photo.renditions()) {
            TestImages.assertNoMetadata(rendition.fileName(), rendition.bytes());
        }
    }

    @Test
    void jpegTaggedSrgbIsCopiedAndLosesTheTag() throws Exception {
        byte[] input = TestImages.withIccProfile(
                TestImages.encode(TestImages.noisyWithCornerMarkers(400, 300, 40, 30), "jpg"), TestImages.srgbProfile());
        ProcessedPhoto photo = processor.process(write("srgb.jpg", input), "image/jpeg");
        Rendition original = byName(photo).get("original");
        TestImages.assertLacks(original.bytes(), "ICC_PROFILE");
        TestImages.assertSamePixels(ImageIO.read(new ByteArrayInputStream(input)), decode(original));
    }

    @Test
    void jpegInAnotherColourSpaceIsConvertedToSrgb() throws Exception {
        // Linear-light RGB 64 is sRGB ~137: a decoder that ignored the profile would show 64.
        BufferedImage dark = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dark.createGraphics();
        g.setColor(new Color(64, 64, 64));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        byte[] input = TestImages.withIccProfile(TestImages.encode(dark, "jpg"), TestImages.linearRgbProfile());
        ProcessedPhoto photo = processor.process(write("linear.jpg", input), "image/jpeg");
        Map<String, Rendition> byName = byName(photo);
        for (String name : List.of("original", "hq", "thumb.jpeg")) {
            assertColour(name + " converted to sRGB", 0x898989, decode(byName.get(name)).getRGB(100, 100) & 0xFFFFFF);
            TestImages.assertLacks(byName.get(name).bytes(), "ICC_PROFILE");
        }
    }

    @Test
    void progressiveJpegIsCopiedToo() throws Exception {
        byte[] input = TestImages.withExif(
                TestImages.progressiveJpeg(TestImages.noisyWithCornerMarkers(640, 480, 64, 48)), 1, true);
        ProcessedPhoto photo = processor.process(write("progressive.jpg", input), "image/jpeg");
        Rendition original = byName(photo).get("original");
        TestImages.assertNoMetadata("original.jpg", original.bytes());
        TestImages.assertSamePixels(ImageIO.read(new ByteArrayInputStream(input)), decode(original));
    }

    @Test
    void largeJpegKeepsExactSizesAndCornersWhateverScaleItIsDecodedAt() throws Exception {
        // Wide enough for libvips to decode at half scale; the sizes must still be the full image's.
        byte[] input = TestImages.encode(TestImages.noisyWithCornerMarkers(3400, 2267, 340, 227), "jpg");
        ProcessedPhoto photo = processor.process(write("large.jpg", input), "image/jpeg");
        assertEquals(3400, photo.width());
        assertEquals(2267, photo.height());
        Map<String, Rendition> byName = byName(photo);
        assertSize(byName.get("hq"), 1080, 720);
        assertSize(byName.get("hq.jpeg"), 1080, 720);
        assertSize(byName.get("medium"), 640, 427);
        assertSize(byName.get("thumb"), 150, 150);
        assertSize(byName.get("original"), 3400, 2267);
        for (String name : List.of("hq", "medium.jpeg")) {
            BufferedImage image = decode(byName.get(name));
            assertColour(name + " top-left", RED, image.getRGB(image.getWidth() / 40, image.getHeight() / 40));
            assertColour(name + " top-right", GREEN, image.getRGB(image.getWidth() - 1 - image.getWidth() / 40, image.getHeight() / 40));
        }
        assertBlurhashShape(photo.blurhash());
    }

    @Test
    void pngHeaderClaimingThirtyThousandSquaredIsRefusedWithoutDecoding() throws Exception {
        Path file = write("bomb.png", TestImages.pngHeaderClaiming(30_000, 30_000));
        MediaRejectedException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(MediaRejectedException.class, () -> processor.process(file, "image/png")));
        assertEquals("too large", e.reason());
    }

    @Test
    void moreThanOneHundredMegapixelsIsRefused() throws Exception {
        Path file = write("wide.png", TestImages.pngHeaderClaiming(15_000, 15_000));
        assertEquals("too large", reject(file, "image/png"));
    }

    @Test
    void zeroByteFileIsCorrupt() throws Exception {
        assertTrue(reject(write("empty.jpg", new byte[0]), "image/jpeg").startsWith("corrupt or truncated image"));
    }

    @Test
    void truncatedJpegIsCorrupt() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.noisyWithCornerMarkers(600, 400, 60, 60), "jpg");
        byte[] cutInScan = Arrays.copyOf(jpeg, jpeg.length * 6 / 10);
        byte[] cutInHeader = Arrays.copyOf(jpeg, 120);
        String reason = reject(write("cut.jpg", cutInScan), "image/jpeg");
        assertTrue(reason.startsWith("corrupt or truncated image: "), reason);
        assertTrue(reject(write("cut2.jpg", cutInHeader), "image/jpeg").startsWith("corrupt or truncated image: "));
    }

    @Test
    void truncatedPngIsCorrupt() throws Exception {
        byte[] png = TestImages.encode(TestImages.noisyWithCornerMarkers(600, 400, 60, 60), "png");
        assertTrue(reject(write("cut.png", Arrays.copyOf(png, png.length / 2)), "image/png")
                .startsWith("corrupt or truncated image: "));
    }

    @Test
    void randomBytesAreUnsupported() throws Exception {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        noise[0] = 0x42; // make sure no signature is hit by chance
        assertEquals("unsupported type", reject(write("noise.bin", noise), "image/jpeg"));
    }

    @Test
    void jpegDeclaredAsVideoIsRefused() throws Exception {
        Path file = write("clip.mp4", TestImages.encode(TestImages.noisyWithCornerMarkers(64, 64, 8, 8), "jpg"));
        assertEquals("declared type video/mp4 does not match the file (image/jpeg)", reject(file, "video/mp4"));
    }

    @Test
    void jpegDeclaredAsPngIsRefused() throws Exception {
        Path file = write("photo.png", TestImages.encode(TestImages.noisyWithCornerMarkers(64, 64, 8, 8), "jpg"));
        assertEquals("declared type image/png does not match the file (image/jpeg)", reject(file, "image/png"));
    }

    @Test
    void videoIsNotAPhoto() throws Exception {
        byte[] mp4 = new byte[256];
        System.arraycopy(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
                'i', 's', 'o', 'm', 'm', 'p', '4', '1'}, 0, mp4, 0, 24);
        String reason = reject(write("clip.mp4", mp4), "video/mp4");
        assertTrue(reason.startsWith("unsupported type"), reason);
    }

    @Test
    void undeclaredTypeIsSniffedOnly() throws Exception {
        Path file = write("x", TestImages.encode(TestImages.noisyWithCornerMarkers(64, 48, 8, 8), "jpg"));
        assertEquals(64, processor.process(file, null).width());
    }

    @Test
    void estimateCoversDecodedAndUprightCopies() {
        long estimate = PhotoProcessor.estimatedBytes(4000, 3000);
        assertTrue(estimate >= 4000L * 3000 * 4 * 2, "estimate " + estimate);
        assertTrue(estimate < 4000L * 3000 * 4 * 4, "estimate " + estimate);
        assertTrue(PhotoProcessor.estimatedBytes(1, 20_000) > 0);
    }

    private enum Corner {
        TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT;

        int sample(BufferedImage image) {
            int inset = 8;
            int x = (this == TOP_LEFT || this == BOTTOM_LEFT) ? inset : image.getWidth() - 1 - inset;
            int y = (this == TOP_LEFT || this == TOP_RIGHT) ? inset : image.getHeight() - 1 - inset;
            return image.getRGB(x, y);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String reject(Path file, String declared) {
        return assertThrows(MediaRejectedException.class, () -> processor.process(file, declared)).reason();
    }

    private static Map<String, Rendition> byName(ProcessedPhoto photo) {
        return photo.renditions().stream().collect(Collectors.toMap(Rendition::name, Function.identity()));
    }

    /** Decodes with the decoder the bytes call for, and checks content type and file name agree with them. */
    private static BufferedImage decode(Rendition rendition) throws IOException {
        MediaType kind = MagicBytes.detect(rendition.bytes()).orElseThrow();
        assertEquals(rendition.contentType(), kind.contentType(), rendition.fileName());
        String extension = rendition.fileName().substring(rendition.fileName().lastIndexOf('.') + 1);
        assertEquals(switch (kind) {
            case JPEG -> "jpg";
            case PNG -> "png";
            case WEBP -> "webp";
            default -> "?";
        }, extension);
        BufferedImage image = kind == MediaType.WEBP
                ? readWebp(rendition.bytes())
                : ImageIO.read(new ByteArrayInputStream(rendition.bytes()));
        assertNotNull(image, rendition.fileName());
        return image;
    }

    private static BufferedImage readWebp(byte[] bytes) throws IOException {
        var reader = new com.luciad.imageio.webp.WebPImageReaderSpi().createReaderInstance(null);
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static void assertSize(Rendition rendition, int width, int height) throws IOException {
        BufferedImage image = decode(rendition);
        assertEquals(width + "×" + height, image.getWidth() + "×" + image.getHeight(), rendition.fileName());
    }

    private static void assertBlurhashShape(String blurhash) {
        assertEquals(28, blurhash.length(), blurhash);
        assertEquals('L', blurhash.charAt(0), blurhash);
    }

    private static boolean isNear(int expected, int actual) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((expected >> shift) & 0xFF) - ((actual >> shift) & 0xFF)) > 60) {
                return false;
            }
        }
        return true;
    }

    private static void assertColour(String what, int expected, int actual) {
        assertTrue(isNear(expected, actual),
                what + ": expected ~#" + Integer.toHexString(expected) + " got #" + Integer.toHexString(actual & 0xFFFFFF));
    }
}
