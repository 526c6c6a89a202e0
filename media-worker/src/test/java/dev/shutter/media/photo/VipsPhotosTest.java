package dev.shutter.media.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VipsPhotosTest {

    @Test
    void jpegIsDecodedSmallerOnlyWhenHqAndThumbStillGetEnoughPixels() {
        assertEquals(1, VipsPhotos.jpegShrink(1080, 720));
        assertEquals(1, VipsPhotos.jpegShrink(3000, 2000), "1500 wide would leave hq too little");
        assertEquals(2, VipsPhotos.jpegShrink(4000, 3000));
        assertEquals(4, VipsPhotos.jpegShrink(8000, 6000));
        assertEquals(1, VipsPhotos.jpegShrink(3000, 4000), "portrait: the width decides, not the long side");
        assertEquals(2, VipsPhotos.jpegShrink(3400, 4500));
        // A panorama: hq is only 54 px tall, but the thumb's 150 px square still needs the short side.
        assertEquals(4, VipsPhotos.jpegShrink(20000, 1000));
        assertEquals(1, VipsPhotos.jpegShrink(20000, 300));
    }

    @Test
    void aStorysJpegIsDecodedSmallerWhenTheStoryPictureStillGetsEnoughPixels() {
        assertEquals(2, VipsPhotos.jpegShrink(4000, 3000, RenditionSet.STORY));
        // Tall: the story is 720 wide (height-bound), where a post's hq needs 1080.
        assertEquals(2, VipsPhotos.jpegShrink(3000, 8000, RenditionSet.STORY));
        assertEquals(1, VipsPhotos.jpegShrink(3000, 8000, RenditionSet.POST));
        assertEquals(1, VipsPhotos.jpegShrink(600, 800, RenditionSet.STORY));
    }

    @Test
    void webpMetadataChunksAreCutOutAndTheFileStaysValid() throws Exception {
        byte[] plain = RenditionEncoder.webp(TestImages.noisyWithCornerMarkers(64, 48, 8, 8));
        byte[] withExif = extendedWithChunks(plain, "EXIF", "Exif\0\0MM secret GPS", "XMP ", "<x:xmpmeta/>");
        assertTrue(new String(withExif, StandardCharsets.ISO_8859_1).contains("secret GPS"));

        byte[] stripped = WebpChunks.withoutMetadata(withExif);
        TestImages.assertLacks(stripped, "EXIF", "secret GPS", "xmpmeta");
        assertEquals(stripped.length - 8, (stripped[4] & 0xFF) | (stripped[5] & 0xFF) << 8
                | (stripped[6] & 0xFF) << 16 | (stripped[7] & 0xFF) << 24, "RIFF size");
        assertEquals(0, stripped[20] & (0x20 | 0x08 | 0x04), "VP8X metadata flags cleared");
        var reader = new com.luciad.imageio.webp.WebPImageReaderSpi().createReaderInstance(null);
        try (var in = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(stripped))) {
            reader.setInput(in);
            assertEquals(64, reader.read(0).getWidth());
        } finally {
            reader.dispose();
        }
    }

    /** A simple (VP8) WebP rewritten as extended (VP8X) with the given extra chunks after the image. */
    private static byte[] extendedWithChunks(byte[] simple, String... typesAndPayloads) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04;
        vp8x[4] = 63; // canvas width - 1 (64), 24-bit little-endian
        vp8x[7] = 47; // canvas height - 1 (48)
        chunk(body, "VP8X", vp8x);
        body.write(simple, 12, simple.length - 12);
        for (int i = 0; i < typesAndPayloads.length; i += 2) {
            chunk(body, typesAndPayloads[i], typesAndPayloads[i + 1].getBytes(StandardCharsets.ISO_8859_1));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        int size = body.size();
        out.writeBytes(new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] payload) {
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        int size = payload.length;
        out.writeBytes(new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
        out.writeBytes(payload);
        if ((size & 1) == 1) {
            out.write(0);
        }
    }
}
