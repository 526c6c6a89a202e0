package dev.shutter.media.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MagicBytesTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'), MediaKind.JPEG),
                Arguments.of("jpeg exif", bytes(0xFF, 0xD8, 0xFF, 0xE1), MediaKind.JPEG),
                Arguments.of("png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13), MediaKind.PNG),
                Arguments.of("webp", concat(ascii("RIFF"), bytes(0x24, 0, 0, 0), ascii("WEBPVP8 ")), MediaKind.WEBP),
                Arguments.of("heic", ftyp("heic", "mif1", "heic"), MediaKind.HEIC),
                Arguments.of("heix", ftyp("heix", "mif1"), MediaKind.HEIC),
                Arguments.of("mif1", ftyp("mif1", "heic"), MediaKind.HEIC),
                Arguments.of("msf1", ftyp("msf1", "hevc"), MediaKind.HEIC),
                Arguments.of("heim", ftyp("heim"), MediaKind.HEIC),
                Arguments.of("heis", ftyp("heis"), MediaKind.HEIC),
                Arguments.of("hevc", ftyp("hevc"), MediaKind.HEIC),
                Arguments.of("hevx", ftyp("hevx"), MediaKind.HEIC),
                Arguments.of("isom", ftyp("isom", "isom", "iso2", "avc1", "mp41"), MediaKind.MP4),
                Arguments.of("iso2", ftyp("iso2"), MediaKind.MP4),
                Arguments.of("mp41", ftyp("mp41"), MediaKind.MP4),
                Arguments.of("mp42", ftyp("mp42", "mp42", "isom"), MediaKind.MP4),
                Arguments.of("avc1", ftyp("avc1"), MediaKind.MP4),
                Arguments.of("dash", ftyp("dash", "iso6"), MediaKind.MP4),
                Arguments.of("unknown major, mp4 compatible", ftyp("XYZW", "isom"), MediaKind.MP4),
                Arguments.of("quicktime ftyp", ftyp("qt  ", "qt  "), MediaKind.QUICKTIME),
                Arguments.of("quicktime moov", concat(bytes(0, 0, 0, 8), ascii("moov")), MediaKind.QUICKTIME),
                Arguments.of("quicktime mdat", concat(bytes(0, 0, 0, 8), ascii("mdat")), MediaKind.QUICKTIME),
                Arguments.of("quicktime wide", concat(bytes(0, 0, 0, 8), ascii("wide")), MediaKind.QUICKTIME),
                Arguments.of("avif", ftyp("avif", "mif1", "miaf"), null),
                Arguments.of("avif via compatible brand", ftyp("mif2", "avif", "mif1"), null),
                Arguments.of("unknown ftyp", ftyp("abcd", "efgh"), null),
                Arguments.of("gif", ascii("GIF89a"), null),
                Arguments.of("bmp", ascii("BM...."), null),
                Arguments.of("tiff", bytes('I', 'I', 42, 0), null),
                Arguments.of("riff wav", concat(ascii("RIFF"), bytes(0, 0, 0, 0), ascii("WAVE")), null),
                Arguments.of("text", ascii("<html><body>"), null),
                Arguments.of("two jpeg bytes", bytes(0xFF, 0xD8), null),
                Arguments.of("empty", new byte[0], null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void detects(String name, byte[] head, MediaKind expected) {
        assertEquals(Optional.ofNullable(expected), MagicBytes.detect(head));
    }

    @Test
    void nullHeadIsUnknown() {
        assertEquals(Optional.empty(), MagicBytes.detect(null));
    }

    @Test
    void kindsKnowTheirContentTypeAndFamily() {
        assertEquals("image/jpeg", MediaKind.JPEG.contentType());
        assertEquals("image/heic", MediaKind.HEIC.contentType());
        assertEquals("video/quicktime", MediaKind.QUICKTIME.contentType());
        assertTrue(MediaKind.WEBP.isImage());
        assertFalse(MediaKind.WEBP.isVideo());
        assertTrue(MediaKind.MP4.isVideo());
        assertEquals(Optional.of(MediaKind.JPEG), MediaKind.fromContentType("Image/JPG; charset=binary"));
        assertEquals(Optional.of(MediaKind.HEIC), MediaKind.fromContentType("image/heif"));
        assertEquals(Optional.empty(), MediaKind.fromContentType("application/octet-stream"));
    }

    private static byte[] ftyp(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0, 0, 0, size));
        out.writeBytes(ascii("ftyp" + major));
        out.writeBytes(bytes(0, 0, 0, 0));
        for (String brand : compatible) {
            out.writeBytes(ascii(brand));
        }
        out.writeBytes(bytes(0, 0, 0, 8));
        out.writeBytes(ascii("free"));
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
