package dev.shutter.blobs;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The name of an object in a bucket, validated once so that every adapter, and every path built
 * from it, can trust it.
 *
 * <p>A key is relative and {@code /}-separated, with no empty, {@code .} or {@code ..} segments,
 * no backslashes and no control characters (which also rules out NUL, CR and LF). The length
 * limits are those of the strictest place a key ends up: GCS caps object names at 1,024 bytes of
 * UTF-8, and the local adapter turns every segment into a file name, which most filesystems cap
 * at 255 bytes. The same rules hold in every adapter, so a key that works on a laptop works in
 * production.
 *
 * <p>Keys order by code point, which is the UTF-8 byte order GCS lists objects in.
 */
public record BlobKey(String value) implements Comparable<BlobKey> {

    public static final int MAX_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;

    public BlobKey {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidBlobKeyException("invalid blob key " + quote(value) + ": " + problem);
        }
    }

    public static BlobKey of(String value) {
        return new BlobKey(value);
    }

    /** Whether {@code value} is a valid key; for filtering names that came from elsewhere. */
    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /**
     * Checks a list prefix: the empty string, or the start of some valid key. Every segment before
     * the last {@code /} must be a valid segment; the last, partial one only needs valid
     * characters (so {@code "photos/.."} may match {@code "photos/..jpg"}).
     *
     * @return the prefix
     * @throws InvalidBlobKeyException when no valid key can start with it
     */
    public static String requireValidPrefix(String prefix) {
        String problem = prefixProblem(prefix);
        if (problem != null) {
            throw new InvalidBlobKeyException("invalid blob key prefix " + quote(prefix) + ": " + problem);
        }
        return prefix;
    }

    public List<String> segments() {
        return List.of(value.split("/", -1));
    }

    /** The last segment, e.g. {@code "original.jpg"} of {@code "uploads/u1/original.jpg"}. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public int compareTo(BlobKey other) {
        return compareCodePoints(value, other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Code point order, which is UTF-8 byte order, unlike {@link String#compareTo} (UTF-16 order). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        String characters = characterProblem(value);
        if (characters != null) {
            return characters;
        }
        if (value.startsWith("/")) {
            return "must be relative, not start with '/'";
        }
        for (String segment : value.split("/", -1)) {
            String problem = segmentProblem(segment);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String prefixProblem(String prefix) {
        if (prefix == null) {
            return "must not be null (use \"\" for everything)";
        }
        if (prefix.isEmpty()) {
            return null;
        }
        String characters = characterProblem(prefix);
        if (characters != null) {
            return characters;
        }
        if (prefix.startsWith("/")) {
            return "must be relative, not start with '/'";
        }
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            String problem = segmentProblem(segments[i]);
            if (problem != null) {
                return problem;
            }
        }
        if (utf8Length(segments[segments.length - 1]) > MAX_SEGMENT_BYTES) {
            return "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes";
        }
        return null;
    }

    private static String characterProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                return "must not contain a backslash ('/' separates segments)";
            }
            if (Character.isISOControl(c)) {
                return "must not contain control characters (found U+%04X)".formatted((int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (found a lone surrogate)";
            }
        }
        if (utf8Length(value) > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes of UTF-8";
        }
        return null;
    }

    private static String segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return "must not have empty segments (no leading, trailing or double '/')";
        }
        if (segment.equals(".") || segment.equals("..")) {
            return "must not have '.' or '..' segments";
        }
        if (utf8Length(segment) > MAX_SEGMENT_BYTES) {
            return "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes";
        }
        return null;
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The value for an error message: control characters escaped, and cut short if long. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        int shown = Math.min(value.length(), 120);
        if (shown < value.length() && Character.isHighSurrogate(value.charAt(shown - 1))) {
            shown--; // do not cut a surrogate pair in half
        }
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPaired(value, i)) {
                quoted.append("\\u%04X".formatted((int) c));
            } else {
                quoted.append(c);
            }
        }
        if (shown < value.length()) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    private static boolean isPaired(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
