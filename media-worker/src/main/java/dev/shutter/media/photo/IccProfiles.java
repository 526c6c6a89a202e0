package dev.shutter.media.photo;

import java.nio.charset.StandardCharsets;

/** What an embedded ICC profile says about the pixels, read from its header and description tag. */
final class IccProfiles {

    private static final int HEADER_LENGTH = 128;

    private IccProfiles() {}

    /**
     * Whether the profile describes sRGB (an RGB profile whose description starts with "sRGB",
     * as "sRGB IEC61966-2.1" and "sRGB built-in" do, and is not a linear-light variant), so pixels
     * tagged with it need no conversion and the tag can simply go. Anything else, unreadable
     * included, is not: the caller then converts, which is always safe, only slower.
     */
    static boolean isSrgb(byte[] profile) {
        if (profile == null || profile.length < HEADER_LENGTH + 4) {
            return false;
        }
        if (!ascii(profile, 16, 4).equals("RGB ")) {
            return false; // the data colour space: CMYK, grey and Lab profiles are not sRGB
        }
        int tags = readInt(profile, HEADER_LENGTH);
        for (int i = 0; i < tags; i++) {
            int entry = HEADER_LENGTH + 4 + i * 12;
            if (entry + 12 > profile.length) {
                return false;
            }
            if (ascii(profile, entry, 4).equals("desc")) {
                int offset = readInt(profile, entry + 4);
                int size = readInt(profile, entry + 8);
                if (offset < 0 || size < 0 || (long) offset + size > profile.length) {
                    return false;
                }
                String description = description(profile, offset, size).strip();
                return description.startsWith("sRGB") && !description.toLowerCase(java.util.Locale.ROOT).contains("linear");
            }
        }
        return false;
    }

    /** The text of a v2 {@code desc} (ASCII) or v4 {@code mluc} (UTF-16BE) tag; never parsed further. */
    private static String description(byte[] profile, int offset, int size) {
        String type = ascii(profile, offset, 4);
        if (type.equals("mluc") && size >= 16) {
            int records = readInt(profile, offset + 8);
            if (records < 1 || size < 16 + 12) {
                return "";
            }
            int length = readInt(profile, offset + 16 + 4);
            int start = readInt(profile, offset + 16 + 8);
            if (length < 0 || start < 0 || start + length > size) {
                return "";
            }
            return new String(profile, offset + start, length, StandardCharsets.UTF_16BE);
        }
        if (type.equals("desc") && size >= 12) {
            int length = readInt(profile, offset + 8);
            if (length < 0 || 12 + length > size) {
                return "";
            }
            return new String(profile, offset + 12, length, StandardCharsets.ISO_8859_1);
        }
        return "";
    }

    private static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        if (offset < 0 || offset + length > bytes.length) {
            return "";
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
