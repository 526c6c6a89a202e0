package dev.shutter.media.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class StrippedJpegTest {

    private static byte[] plainJpeg() throws Exception {
        return TestImages.encode(TestImages.noisyWithCornerMarkers(120, 80, 12, 8), "jpg");
    }

    @Test
    void exifGpsXmpCommentAndTrailerGoPixelsStay() throws Exception {
        byte[] input = TestImages.withTrailer(TestImages.withComment(TestImages.withXmp(
                TestImages.withExif(plainJpeg(), 1, true)), "who took it"), "MPF secondary image");
        byte[] stripped = StrippedJpeg.of(input, 1).orElseThrow();
        TestImages.assertNoMetadata("stripped", stripped);
        TestImages.assertLacks(stripped, "Exif", "ShutterCam", "who took it", "MPF secondary", "xmpmeta");
        TestImages.assertSamePixels(ImageIO.read(new ByteArrayInputStream(input)),
                ImageIO.read(new ByteArrayInputStream(stripped)));
    }

    @Test
    void aPlainJpegComesBackByteForByte() throws Exception {
        byte[] input = plainJpeg();
        assertTrue(Arrays.equals(input, StrippedJpeg.of(input, 1).orElseThrow()));
    }

    @Test
    void jfifThumbnailIsDropped() throws Exception {
        byte[] input = plainJpeg();
        // Rewrite APP0 JFIF to declare (and carry) a 2×1 RGB thumbnail.
        int app0Length = ((input[4] & 0xFF) << 8) | (input[5] & 0xFF);
        byte[] jfif = Arrays.copyOfRange(input, 6, 4 + app0Length);
        byte[] withThumb = new byte[jfif.length + 6];
        System.arraycopy(jfif, 0, withThumb, 0, jfif.length);
        withThumb[12] = 2;
        withThumb[13] = 1;
        byte[] rebuilt = new byte[input.length - app0Length - 2 + 2 + 2 + withThumb.length];
        rebuilt[0] = (byte) 0xFF;
        rebuilt[1] = (byte) 0xD8;
        rebuilt[2] = (byte) 0xFF;
        rebuilt[3] = (byte) 0xE0;
        rebuilt[4] = (byte) ((withThumb.length + 2) >> 8);
        rebuilt[5] = (byte) (withThumb.length + 2);
        System.arraycopy(withThumb, 0, rebuilt, 6, withThumb.length);
        System.arraycopy(input, 4 + app0Length, rebuilt, 6 + withThumb.length, input.length - 4 - app0Length);

        byte[] stripped = StrippedJpeg.of(rebuilt, 1).orElseThrow();
        assertEquals(16, ((stripped[4] & 0xFF) << 8) | (stripped[5] & 0xFF), "APP0 length without thumbnail");
        assertEquals(0, stripped[18]);
        assertEquals(0, stripped[19]);
        TestImages.assertSamePixels(ImageIO.read(new ByteArrayInputStream(input)),
                ImageIO.read(new ByteArrayInputStream(stripped)));
    }

    @Test
    void rotatedWideGamutAdobeAndBrokenFilesAreLeftToReEncoding() throws Exception {
        byte[] plain = plainJpeg();
        assertTrue(StrippedJpeg.of(TestImages.withExif(plain, 6, false), 6).isEmpty(), "orientation 6");
        assertTrue(StrippedJpeg.of(TestImages.withIccProfile(plain, TestImages.linearRgbProfile()), 1).isEmpty(), "linear RGB");
        byte[] adobe = TestImages.withSegment(plain, 0xEE, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0});
        assertTrue(StrippedJpeg.of(adobe, 1).isEmpty(), "Adobe APP14");
        assertTrue(StrippedJpeg.of(Arrays.copyOf(plain, plain.length - 40), 1).isEmpty(), "no EOI");
        assertTrue(StrippedJpeg.of(Arrays.copyOf(plain, 30), 1).isEmpty(), "cut in a header");
        assertTrue(StrippedJpeg.of(new byte[] {1, 2, 3, 4, 5}, 1).isEmpty(), "not a JPEG");
        assertFalse(StrippedJpeg.of(TestImages.withIccProfile(plain, TestImages.srgbProfile()), 1).isEmpty(), "sRGB");
    }

    @Test
    void iccProfilesAreJudgedByTheirDescription() {
        assertTrue(IccProfiles.isSrgb(TestImages.srgbProfile()));
        assertFalse(IccProfiles.isSrgb(TestImages.linearRgbProfile()), "linear sRGB is not sRGB");
        assertFalse(IccProfiles.isSrgb(java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_GRAY).getData()));
        assertFalse(IccProfiles.isSrgb(new byte[200]));
        assertFalse(IccProfiles.isSrgb(null));
    }
}
