package dev.shutter.rest.paging;

import dev.shutter.rest.problem.ProblemException;

/**
 * {@code ?cursor=&limit=} of a list, checked: a limit that is not a number is a 400, one outside
 * 1..max a 422 naming {@code limit}; a cursor the list did not give out is a 400 when decoded
 * ({@link Cursors}).
 *
 * @param cursor where the previous page stopped; null for the first page
 */
public record PageRequest(String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    /** Lists of posts (API.md: the feed's limit is at most 50; every post list pages the same). */
    public static final int MAX_LIMIT = 50;
    /** Lists of small items (accounts, comments). */
    public static final int MAX_LIMIT_SMALL_ITEMS = 100;

    /** A page of a list of posts (at most {@value #MAX_LIMIT}). */
    public static PageRequest of(String cursor, String limit) {
        return of(cursor, limit, MAX_LIMIT);
    }

    /** A page of a list whose pages may hold up to {@code maxLimit} items. */
    public static PageRequest of(String cursor, String limit, int maxLimit) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("limit must be a whole number.");
            }
            if (size < 1 || size > maxLimit) {
                throw ProblemException.invalid("limit", "must be 1 to " + maxLimit);
            }
        }
        return new PageRequest(cursor == null || cursor.isBlank() ? null : cursor.strip(), size);
    }

    /** Encodes a position: the fields joined after a kind prefix ({@link Cursors#encode}). */
    public static String encode(String kind, long... fields) {
        return Cursors.encode(kind, fields);
    }

    /** The cursor's fields, checked to be of this kind and count; null when there is no cursor. */
    public long[] decode(String kind, int fieldCount) {
        return cursor == null ? null : Cursors.decode(cursor, kind, fieldCount);
    }

    /** The kind the cursor was encoded with; null when there is no cursor. */
    public String cursorKind() {
        return cursor == null ? null : Cursors.kindOf(cursor);
    }
}
