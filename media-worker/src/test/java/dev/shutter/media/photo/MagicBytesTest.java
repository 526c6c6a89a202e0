package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
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
                Arguments.of("jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'), MediaType.JPEG),
                Arguments.of("jpeg exif", bytes(0xFF, 0xD8, 0xFF, 0xE1), MediaType.JPEG),
                Arguments.of("png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13), MediaType.PNG),
                Arguments.of("webp", concat(ascii("RIFF"), bytes(0x24, 0, 0, 0), ascii("WEBPVP8 ")), MediaType.WEBP),
                Arguments.of("heic", ftyp("heic", "mif1", "heic"), MediaType.HEIC),
                Arguments.of("heix", ftyp("heix", "mif1"), MediaType.HEIC),
                Arguments.of("mif1", ftyp("mif1", "heic"), MediaType.HEIC),
                Arguments.of("msf1", ftyp("msf1", "hevc"), MediaType.HEIC),
                Arguments.of("heim", ftyp("heim"), MediaType.HEIC),
                Arguments.of("heis", ftyp("heis"), MediaType.HEIC),
                Arguments.of("hevc", ftyp("hevc"), MediaType.HEIC),
                Arguments.of("hevx", ftyp("hevx"), MediaType.HEIC),
                Arguments.of("isom", ftyp("isom", "isom", "iso2", "avc1", "mp41"), MediaType.MP4),
                Arguments.of("iso2", ftyp("iso2"), MediaType.MP4),
                Arguments.of("mp41", ftyp("mp41"), MediaType.MP4),
                Arguments.of("mp42", ftyp("mp42", "mp42", "isom"), MediaType.MP4),
                Arguments.of("avc1", ftyp("avc1"), MediaType.MP4),
                Arguments.of("dash", ftyp("dash", "iso6"), MediaType.MP4),
                Arguments.of("unknown major, mp4 compatible", ftyp("XYZW", "isom"), MediaType.MP4),
                Arguments.of("quicktime ftyp", ftyp("qt  ", "qt  "), MediaType.QUICKTIME),
                Arguments.of("quicktime moov", concat(bytes(0, 0, 0, 8), ascii("moov")), MediaType.QUICKTIME),
                Arguments.of("quicktime mdat", concat(bytes(0, 0, 0, 8), ascii("mdat")), MediaType.QUICKTIME),
                Arguments.of("quicktime wide", concat(bytes(0, 0, 0, 8), ascii("wide")), MediaType.QUICKTIME),
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
    void detects(String name, byte[] head, MediaType expected) {
        assertEquals(Optional.ofNullable(expected), MagicBytes.detect(head));
    }

    @Test
    void nullHeadIsUnknown() {
        assertEquals(Optional.empty(), MagicBytes.detect(null));
    }

    @Test
    void kindsKnowTheirContentTypeAndFamily() {
        assertEquals("image/jpeg", MediaType.JPEG.contentType());
        assertEquals("image/heic", MediaType.HEIC.contentType());
        assertEquals("video/quicktime", MediaType.QUICKTIME.contentType());
        assertTrue(MediaType.WEBP.isImage());
        assertFalse(MediaType.WEBP.isVideo());
        assertTrue(MediaType.MP4.isVideo());
        assertEquals(Optional.of(MediaType.JPEG), MediaType.ofDeclared("Image/JPG"));
        // One rule with post-service (platform/contracts): the signed upload demands the type without parameters.
        assertEquals(Optional.empty(), MediaType.ofDeclared("image/jpeg; charset=binary"));
        assertEquals(Optional.of(MediaType.HEIC), MediaType.ofDeclared("image/heif"));
        assertEquals(Optional.empty(), MediaType.ofDeclared("application/octet-stream"));
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
