package dev.shutter.rest.ids;

import dev.shutter.rest.problem.ProblemException;

/**
 * IDs in request paths. Anything that is not a positive 64-bit number names nothing, so it is
 * answered as an unknown resource: 404 (API.md), the same answer as a valid ID of nothing.
 */
public final class PathIds {

    private PathIds() {}

    /** @param notFoundDetail the 404's detail, e.g. "No such post." */
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
