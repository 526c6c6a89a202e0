package dev.shutter.explore.candidate;

import java.util.Set;

/**
 * What a caller's candidates may not be: posts by these authors (the caller, accounts they
 * follow), these posts (already engaged with), or posts older than {@code notBeforeMillis}.
 */
public record CandidateFilter(Set<Long> excludedAuthors, Set<Long> excludedPosts, long notBeforeMillis) {

    public static final CandidateFilter NONE = new CandidateFilter(Set.of(), Set.of(), 0);

    public CandidateFilter {
        excludedAuthors = Set.copyOf(excludedAuthors);
        excludedPosts = Set.copyOf(excludedPosts);
    }

    public boolean accepts(long postId, long authorId, long createdAtMillis) {
        return createdAtMillis >= notBeforeMillis && !excludedAuthors.contains(authorId) && !excludedPosts.contains(postId);
    }
}
