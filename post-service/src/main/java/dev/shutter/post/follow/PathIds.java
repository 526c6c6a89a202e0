package dev.shutter.post.follow;

import dev.shutter.rest.problem.ProblemException;

/** User IDs from request paths: digits only, else the request is malformed (400), never a 500. */
final class PathIds {

    private PathIds() {}

    static long userId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("userId must be a numeric ID.");
        }
    }
}
