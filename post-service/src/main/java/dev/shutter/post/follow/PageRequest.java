package dev.shutter.post.follow;

import dev.shutter.rest.problem.ProblemException;

/**
 * {@code ?cursor=&limit=} of a list, checked: a cursor this service did not issue is malformed
 * (400), a limit outside 1..{@value #MAX_LIMIT} is an invalid value (422).
 *
 * @param after where the previous page stopped; null for the first page
 */
public record PageRequest(FollowCursor after, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(String cursor, String limit) {
        FollowCursor after = cursor == null || cursor.isEmpty() ? null : FollowCursor.decode(cursor);
        if (limit == null || limit.isEmpty()) {
            return new PageRequest(after, DEFAULT_LIMIT);
        }
        int value;
        try {
            value = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be a whole number.");
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(after, value);
    }
}
