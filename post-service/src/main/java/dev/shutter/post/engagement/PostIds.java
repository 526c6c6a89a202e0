package dev.shutter.post.engagement;

import dev.shutter.rest.problem.ProblemException;

/** Post IDs from paths: anything that is not a positive 64-bit integer names no post (404). */
final class PostIds {

    private PostIds() {}

    static long parse(String postId) {
        try {
            long id = Long.parseLong(postId);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ProblemException.notFound("No such post.");
    }
}
