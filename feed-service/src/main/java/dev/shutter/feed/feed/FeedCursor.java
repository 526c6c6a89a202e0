package dev.shutter.feed.feed;

import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;

/**
 * Where a reader is in their feed. Normally a position in a frozen ranking (a snapshot), so that
 * pages neither repeat nor skip while new posts arrive; when Redis is down, the ID of the last
 * post shown, since the degraded feed is ordered by time and new posts only ever come first.
 */
sealed interface FeedCursor {

    String SNAPSHOT = "feed";
    String BY_TIME = "feedt";

    String encode();

    record InSnapshot(long snapshotId, int offset) implements FeedCursor {
        @Override
        public String encode() {
            return PageRequest.encode(SNAPSHOT, snapshotId, offset);
        }
    }

    record ByTime(long beforePostId) implements FeedCursor {
        @Override
        public String encode() {
            return PageRequest.encode(BY_TIME, beforePostId);
        }
    }

    /** The request's cursor; null for the first page. */
    static FeedCursor of(PageRequest page) {
        String kind = page.cursorKind();
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case SNAPSHOT -> {
                long[] fields = page.decode(SNAPSHOT, 2);
                if (fields[1] < 0 || fields[1] > Integer.MAX_VALUE) {
                    throw ProblemException.badRequest("cursor is not a cursor this list gave out.");
                }
                yield new InSnapshot(fields[0], (int) fields[1]);
            }
            case BY_TIME -> new ByTime(page.decode(BY_TIME, 1)[0]);
            default -> throw ProblemException.badRequest("cursor is not a cursor this list gave out.");
        };
    }
}
