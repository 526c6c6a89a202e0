package dev.shutter.media.photo;

import dev.shutter.contracts.media.MediaType;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an upload's real type from its first bytes. The declared type is the client's claim;
 * decoders are chosen from this, so a PNG renamed .jpg or an MP4 sent as a photo is caught before
 * any decoder sees it.
 */
public final class MagicBytes {

    /** Enough for every signature here, including an ftyp box with a dozen compatible brands. */
    public static final int HEAD_LENGTH = 64;

    private static final Set<String> HEIF_BRANDS =
            Set.of("heic", "heix", "mif1", "msf1", "heim", "heis", "hevc", "hevx");
    private static final Set<String> MP4_BRANDS = Set.of(
            "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
            "mp41", "mp42", "avc1", "dash", "M4V ", "mmp4", "MSNV", "f4v ");
    // AVIF shares the HEIF container (and often lists mif1) but is not something we decode.
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
    // Old QuickTime files have no ftyp and start straight with one of these atoms.
    private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide");

    private MagicBytes() {}

    public static Optional<MediaType> detect(byte[] head) {
        if (head == null) {
            return Optional.empty();
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(MediaType.JPEG);
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(MediaType.PNG);
        }
        if (ascii(head, 0).equals("RIFF") && ascii(head, 8).equals("WEBP")) {
            return Optional.of(MediaType.WEBP);
        }
        String atom = ascii(head, 4);
        if (atom.equals("ftyp")) {
            return fromFileTypeBox(head);
        }
        if (QUICKTIME_ATOMS.contains(atom)) {
            return Optional.of(MediaType.QUICKTIME);
        }
        return Optional.empty();
    }

    /** The major brand decides; if it is unfamiliar, the compatible brands may still name a known kind. */
    private static Optional<MediaType> fromFileTypeBox(byte[] head) {
        String major = ascii(head, 8);
        Optional<MediaType> byMajor = fromBrand(major);
        if (byMajor.isPresent() || AVIF_BRANDS.contains(major)) {
            return byMajor;
        }
        long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        int end = (int) Math.min(boxSize, head.length);
        Optional<MediaType> found = Optional.empty();
        for (int offset = 16; offset + 4 <= end; offset += 4) {
            String brand = ascii(head, offset);
            if (AVIF_BRANDS.contains(brand)) {
                return Optional.empty();
            }
            if (found.isEmpty()) {
                found = fromBrand(brand);
            }
        }
        return found;
    }

    private static Optional<MediaType> fromBrand(String brand) {
        if (HEIF_BRANDS.contains(brand)) {
            return Optional.of(MediaType.HEIC);
        }
        if (brand.equals("qt  ")) {
            return Optional.of(MediaType.QUICKTIME);
        }
        if (MP4_BRANDS.contains(brand)) {
            return Optional.of(MediaType.MP4);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int offset) {
        if (head.length < offset + 4) {
            return "";
        }
        return new String(head, offset, 4, StandardCharsets.ISO_8859_1);
    }

    /** The first {@link #HEAD_LENGTH} bytes of a file (fewer if it is shorter). */
    public static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_LENGTH);
        }
    }

    /**
     * The file's real kind, by its bytes, checked against what the client declared (null or blank:
     * not declared, the bytes alone decide).
     *
     * @param emptyReason the rejection for an empty file, in the caller's words
     */
    public static MediaType identify(Path file, String declaredContentType, String emptyReason)
            throws MediaRejectedException, IOException {
        byte[] head = head(file);
        if (head.length == 0) {
            throw new MediaRejectedException(emptyReason);
        }
        MediaType kind = detect(head).orElseThrow(() -> new MediaRejectedException("unsupported type"));
        if (declaredContentType != null && !declaredContentType.isBlank()
                && MediaType.ofDeclared(declaredContentType).orElse(null) != kind) {
            throw new MediaRejectedException("declared type " + declaredContentType.trim()
                    + " does not match the file (" + kind.contentType() + ")");
        }
        return kind;
    }
}
