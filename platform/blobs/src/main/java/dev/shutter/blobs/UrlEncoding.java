package dev.shutter.blobs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Percent-encoding (RFC 3986) of object keys and query values, one rule for every signed URL. */
public final class UrlEncoding {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private UrlEncoding() {}

    /** The key as a URL path: each segment percent-encoded, joined with '/'. */
    public static String encodePath(BlobKey key) {
        return encodePath(key.toString());
    }

    /** A key as a URL path: everything but unreserved characters and '/' percent-encoded, as UTF-8. */
    public static String encodePath(String key) {
        return encode(key, true);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8. */
    public static String percentEncode(String value) {
        return encode(value, false);
    }

    private static String encode(String value, boolean keepSlashes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (keepSlashes && b == '/' || b >= 0 && UNRESERVED.indexOf(b) >= 0) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX.toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    /**
     * Decodes a percent-encoded string; '+' stays '+' (this is a path, not a form).
     *
     * @throws IllegalArgumentException on a malformed escape or invalid UTF-8
     */
    public static String percentDecode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("truncated percent escape");
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("malformed percent escape");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = value.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }
}
