package dev.shutter.rest.paging;

import dev.shutter.rest.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * `?cursor=&limit=` of a list. Cursors are opaque to clients (base64url of a versioned position),
 * so their content can change without breaking anyone; one that does not decode is a 400.
 */
public record PageRequest(String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;

    public static PageRequest of(String cursor, String limit) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("limit must be a whole number.");
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.invalid("limit", "must be 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(cursor == null || cursor.isBlank() ? null : cursor.strip(), size);
    }

    /** Encodes a position: the fields joined by ':' after a kind prefix. */
    public static String encode(String kind, long... fields) {
        StringBuilder position = new StringBuilder(kind);
        for (long field : fields) {
            position.append(':').append(field);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor's fields, checked to be of this kind and count; null when there is no cursor. */
    public long[] decode(String kind, int fieldCount) {
        if (cursor == null) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = position.split(":", -1);
            if (parts.length != fieldCount + 1 || !parts[0].equals(kind)) {
                throw badCursor();
            }
            long[] fields = new long[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                fields[i] = Long.parseLong(parts[i + 1]);
            }
            return fields;
        } catch (IllegalArgumentException e) { // also NumberFormatException
            throw badCursor();
        }
    }

    /** The kind a cursor was encoded with, for lists whose cursors come in several kinds; null when there is no cursor. */
    public String cursorKind() {
        if (cursor == null) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return position.split(":", 2)[0];
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    private static ProblemException badCursor() {
        return ProblemException.badRequest("cursor is not a cursor this list gave out.");
    }
}
