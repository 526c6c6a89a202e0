package dev.shutter.media.photo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.ExifThumbnailDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Real test inputs made on the fly: no binary fixtures to go stale or to hide what they contain. */
final class TestImages {

    static final int RED = 0xFF0000;
    static final int GREEN = 0x00FF00;
    static final int BLUE = 0x0000FF;

    private TestImages() {}

    /** Noise over a gradient, with a solid red block in the stored top-left and green in the stored top-right. */
    static BufferedImage noisyWithCornerMarkers(int width, int height, int blockWidth, int blockHeight) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb;
                if (y < blockHeight && x < blockWidth) {
                    rgb = RED;
                } else if (y < blockHeight && x >= width - blockWidth) {
                    rgb = GREEN;
                } else {
                    int noise = random.nextInt(40);
                    rgb = ((20 + noise) << 16) | ((40 + noise) << 8) | (160 + noise + (x * 40 / width));
                }
                row[x] = rgb;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no writer for " + format);
        }
        return out.toByteArray();
    }

    /** Writes EXIF orientation, a capture date and GPS (Berlin), as a phone camera would. */
    static byte[] withExif(byte[] jpeg, int orientation, boolean gps) throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, "ShutterCam");
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2024:05:01 12:00:00");
        if (gps) {
            exif.setGpsInDegrees(13.4050, 52.5200);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
        return out.toByteArray();
    }

    static byte[] withXmp(byte[] jpeg) throws Exception {
        String xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' dc:creator='secret person'/>"
                + "</rdf:RDF></x:xmpmeta>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JpegXmpRewriter().updateXmpXml(jpeg, out, xmp);
        return out.toByteArray();
    }

    /** The JPEG with a segment inserted after SOI and APP0 (where a writer puts its metadata). */
    static byte[] withSegment(byte[] jpeg, int marker, byte[] data) {
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xFF);
        out.writeBytes(data);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    static byte[] withComment(byte[] jpeg, String comment) {
        return withSegment(jpeg, 0xFE, comment.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Bytes after EOI, as motion photos (an MP4 appended) and MPF secondary images have. */
    static byte[] withTrailer(byte[] jpeg, String trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(jpeg);
        out.writeBytes(trailer.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** An APP2 ICC_PROFILE segment (one chunk) with this profile. */
    static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1));
        data.write(1);
        data.write(1);
        data.writeBytes(profile);
        return withSegment(jpeg, 0xE2, data.toByteArray());
    }

    static byte[] srgbProfile() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    static byte[] linearRgbProfile() {
        return ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    }

    static byte[] progressiveJpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static boolean vipsCommandAvailable() {
        try {
            return new ProcessBuilder("vips", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** None of these strings occurs anywhere in the bytes (ASCII). */
    static void assertLacks(byte[] bytes, String... needles) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
            assertFalse(text.contains(needle), "output contains \"" + needle + "\"");
        }
    }

    static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth() + "×" + expected.getHeight(), actual.getWidth() + "×" + actual.getHeight());
        int w = expected.getWidth();
        int h = expected.getHeight();
        assertArrayEquals(expected.getRGB(0, 0, w, h, null, 0, w), actual.getRGB(0, 0, w, h, null, 0, w),
                "pixels differ: not a lossless copy");
    }

    /** A PNG whose IHDR claims the given size, followed by a garbage, truncated IDAT: a decompression bomb's header. */
    static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        writeChunk(out, "IHDR", ihdr.array());
        byte[] idat = new byte[5000];
        new Random(7).nextBytes(idat);
        ByteBuffer header = ByteBuffer.allocate(8).putInt(1_000_000).put("IDAT".getBytes());
        out.writeBytes(header.array());
        out.writeBytes(idat); // declared 1 MB, 5 kB present, no CRC: truncated
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes()).put(data).putInt((int) crc.getValue());
        out.writeBytes(chunk.array());
    }

    static Metadata metadata(byte[] bytes) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
    }

    private static final List<Class<? extends Directory>> PRIVATE_DIRECTORIES = List.of(
            ExifIFD0Directory.class, ExifSubIFDDirectory.class, ExifThumbnailDirectory.class,
            GpsDirectory.class, XmpDirectory.class, IptcDirectory.class);

    static void assertNoMetadata(String what, byte[] bytes) throws Exception {
        Metadata metadata = metadata(bytes);
        for (Class<? extends Directory> type : PRIVATE_DIRECTORIES) {
            assertFalse(metadata.containsDirectoryOfType(type), what + " carries " + type.getSimpleName());
        }
    }

    static void assertHasGpsAndXmp(byte[] bytes) throws Exception {
        Metadata metadata = metadata(bytes);
        assertTrue(metadata.containsDirectoryOfType(GpsDirectory.class), "input lacks GPS");
        assertTrue(metadata.containsDirectoryOfType(XmpDirectory.class), "input lacks XMP");
        assertTrue(metadata.containsDirectoryOfType(ExifIFD0Directory.class), "input lacks EXIF");
    }
}
