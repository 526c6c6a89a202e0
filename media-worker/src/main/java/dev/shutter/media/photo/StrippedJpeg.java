package dev.shutter.media.photo;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The stripped original of a JPEG without re-encoding it: the same compressed pixels (lossless,
 * and no encoder's CPU), with every marker segment that can carry metadata left out.
 *
 * <p>Kept: SOI, the frame, tables (DQT, DHT, DRI), scans with their entropy-coded data, EOI, and
 * APP0 JFIF (without a thumbnail). Dropped: every other APPn (APP1 EXIF and XMP, APP2 ICC and MPF,
 * APP13 IPTC/Photoshop, …), COM, and anything after the image's EOI (motion-photo videos, MPF
 * secondary images). The result therefore has no EXIF — so the copy is only made when EXIF has
 * nothing left to say: orientation 1, and colours that already are sRGB (no ICC profile, or an sRGB
 * one). Anything else — rotated, wide-gamut or CMYK, an Adobe APP14 whose colour transform would
 * be lost, arithmetic or lossless coding, a stream that does not parse to its EOI — is empty here,
 * and the caller re-encodes the upright sRGB pixels instead.
 */
final class StrippedJpeg {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;
    private static final int COM = 0xFE;
    private static final byte[] JFIF = {'J', 'F', 'I', 'F', 0};
    private static final byte[] ICC_PROFILE = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};

    private StrippedJpeg() {}

    /**
     * @param orientation the file's EXIF orientation (1 when absent)
     * @return the metadata-free copy, or empty when the original must be re-encoded instead
     */
    static Optional<byte[]> of(byte[] jpeg, int orientation) {
        if (orientation != 1) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(strip(jpeg));
        } catch (IndexOutOfBoundsException truncated) {
            return Optional.empty();
        }
    }

    /** The copy, or null when it must not be used. */
    private static byte[] strip(byte[] in) {
        if (in.length < 4 || (in[0] & 0xFF) != 0xFF || (in[1] & 0xFF) != SOI) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(0xFF);
        out.write(SOI);
        ByteArrayOutputStream icc = new ByteArrayOutputStream();
        boolean frameSeen = false;
        int pos = 2;
        while (true) {
            if ((in[pos] & 0xFF) != 0xFF) {
                return null; // garbage between segments
            }
            while ((in[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes
            }
            int marker = in[pos++] & 0xFF;
            if (marker == EOI) {
                out.write(0xFF);
                out.write(EOI);
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(0xFF);
                out.write(marker); // stand-alone markers
                continue;
            }
            int length = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
            if (length < 2 || pos + length > in.length) {
                return null;
            }
            int data = pos + 2;
            int dataLength = length - 2;
            int next = pos + length;
            if (marker == APP0) {
                if (startsWith(in, data, dataLength, JFIF) && dataLength >= 14) {
                    writeJfifWithoutThumbnail(out, in, data);
                }
            } else if (marker == APP14) {
                return null; // Adobe: its colour-transform flag decides how the pixels read
            } else if (marker == APP2 && startsWith(in, data, dataLength, ICC_PROFILE) && dataLength > 14) {
                // Chunks in file order; the sequence numbers are trusted to be in order, as writers do.
                icc.write(in, data + 14, dataLength - 14);
            } else if ((marker > APP0 && marker <= 0xEF) || marker == COM) {
                // metadata: dropped
            } else {
                if (isStartOfFrame(marker)) {
                    // Huffman baseline, extended or progressive, three components (YCbCr): nothing else.
                    if (marker > 0xC2 || frameSeen || dataLength < 6 || (in[data + 5] & 0xFF) != 3) {
                        return null;
                    }
                    frameSeen = true;
                }
                out.write(in, pos - 2, length + 2);
                if (marker == SOS) {
                    if (!frameSeen) {
                        return null;
                    }
                    int end = endOfEntropyCodedData(in, next);
                    out.write(in, next, end - next);
                    next = end;
                }
            }
            pos = next;
        }
        if (!frameSeen || (icc.size() > 0 && !IccProfiles.isSrgb(icc.toByteArray()))) {
            return null;
        }
        return out.toByteArray();
    }

    /** The offset of the first marker after a scan's data (stuffed 0xFF00 and RSTn belong to the data). */
    private static int endOfEntropyCodedData(byte[] in, int pos) {
        int i = pos;
        while (true) {
            if ((in[i] & 0xFF) == 0xFF) {
                int following = in[i + 1] & 0xFF;
                if (following == 0x00 || (following >= 0xD0 && following <= 0xD7)) {
                    i += 2;
                    continue;
                }
                if (following == 0xFF) {
                    i++;
                    continue;
                }
                return i;
            }
            i++;
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** APP0 JFIF as it was (version, density) but declaring no thumbnail. */
    private static void writeJfifWithoutThumbnail(ByteArrayOutputStream out, byte[] in, int data) {
        out.write(0xFF);
        out.write(APP0);
        out.write(0);
        out.write(16);
        out.write(in, data, 12); // "JFIF\0", version (2), units (1), X and Y density (2 + 2)
        out.write(0);
        out.write(0);
    }

    private static boolean startsWith(byte[] in, int offset, int available, byte[] prefix) {
        if (available < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (in[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
