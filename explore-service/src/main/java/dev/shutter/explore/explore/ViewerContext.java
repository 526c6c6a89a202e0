package dev.shutter.explore.explore;

import dev.shutter.explore.candidate.CandidateFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a viewer's candidates are filtered by: never their own posts or followed accounts', nothing
 * they engaged with, nothing older than the window; and their history (newest first).
 */
record ViewerContext(long userId, Set<Long> followed, List<Long> engaged, long notBeforeMillis) {

    CandidateFilter filter() {
        Set<Long> authors = new HashSet<>(followed);
        authors.add(userId);
        return new CandidateFilter(authors, Set.copyOf(engaged), notBeforeMillis);
    }
}
