package dev.shutter.post.engagement;

import dev.shutter.rest.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code ?cursor=&limit=} of a list ordered by ID: the cursor is opaque to clients and carries
 * the last ID of the previous page.
 */
final class Paging {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final String PREFIX = "after:";

    private Paging() {}

    /** The page size asked for: default when absent, 400 when not a number, 422 out of 1..100. */
    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be a whole number.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** The ID the page starts after; 0 for the first page; 400 for a cursor this API did not issue. */
    static long after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                long id = Long.parseLong(decoded.substring(PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) { // bad Base64 or not a number
            // falls through
        }
        throw ProblemException.badRequest("The cursor is not valid.");
    }

    static String cursorAfter(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }
}
