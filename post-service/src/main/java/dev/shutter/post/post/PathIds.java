package dev.shutter.post.post;

import dev.shutter.rest.problem.ProblemException;

/** IDs in paths: anything that is not a positive 64-bit number names nothing, so it is a 404. */
public final class PathIds {

    private PathIds() {}

    public static long parse(String value, String notFoundDetail) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the 404
        }
        throw ProblemException.notFound(notFoundDetail);
    }
}
