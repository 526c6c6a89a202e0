package dev.shutter.media.photo;

import java.io.ByteArrayOutputStream;

/**
 * Removes the metadata chunks (EXIF, XMP, ICCP) from a WebP file, leaving the image chunks as
 * they are. libvips 8.14's webpsave ignores {@code strip} and always rebuilds an EXIF block from
 * the image's header (resolution, orientation), even when every metadata field was removed first;
 * this is what makes its output carry no EXIF at all.
 */
final class WebpChunks {

    private static final int VP8X_ICC = 0x20;
    private static final int VP8X_EXIF = 0x08;
    private static final int VP8X_XMP = 0x04;

    private WebpChunks() {}

    /** @throws IllegalArgumentException not a RIFF WebP file (a libvips bug, not the upload's fault) */
    static byte[] withoutMetadata(byte[] webp) {
        if (webp.length < 12 || !fourCc(webp, 0).equals("RIFF") || !fourCc(webp, 8).equals("WEBP")) {
            throw new IllegalArgumentException("not a WebP file");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length);
        out.write(webp, 0, 12);
        int pos = 12;
        while (pos + 8 <= webp.length) {
            String type = fourCc(webp, pos);
            int size = (webp[pos + 4] & 0xFF) | (webp[pos + 5] & 0xFF) << 8 | (webp[pos + 6] & 0xFF) << 16
                    | (webp[pos + 7] & 0xFF) << 24;
            int padded = size + (size & 1);
            if (size < 0 || pos + 8 + padded > webp.length) {
                throw new IllegalArgumentException("truncated WebP chunk " + type);
            }
            switch (type) {
                case "EXIF", "XMP ", "ICCP" -> { }
                case "VP8X" -> {
                    byte[] chunk = java.util.Arrays.copyOfRange(webp, pos, pos + 8 + padded);
                    chunk[8] &= (byte) ~(VP8X_ICC | VP8X_EXIF | VP8X_XMP);
                    out.write(chunk, 0, chunk.length);
                }
                default -> out.write(webp, pos, 8 + padded);
            }
            pos += 8 + padded;
        }
        byte[] result = out.toByteArray();
        int riffSize = result.length - 8;
        result[4] = (byte) riffSize;
        result[5] = (byte) (riffSize >>> 8);
        result[6] = (byte) (riffSize >>> 16);
        result[7] = (byte) (riffSize >>> 24);
        return result;
    }

    private static String fourCc(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
