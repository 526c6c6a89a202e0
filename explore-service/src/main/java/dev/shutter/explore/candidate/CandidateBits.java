package dev.shutter.explore.candidate;

import io.github.jbellis.jvector.util.Bits;

/**
 * The ordinals a search may return: the current ordinal of a post that the caller's filter lets
 * through. jvector keeps walking the graph past rejected nodes, so they never use up the k.
 */
final class CandidateBits implements Bits {

    private final OrdinalPosts posts;
    private final CandidateFilter filter;
    private final boolean exclusions;

    CandidateBits(OrdinalPosts posts, CandidateFilter filter) {
        this.posts = posts;
        this.filter = filter;
        this.exclusions = !filter.excludedAuthors().isEmpty() || !filter.excludedPosts().isEmpty();
    }

    @Override
    public boolean get(int ordinal) {
        // Only what the filter needs: each read of a post's metadata is a likely cache miss, and
        // the sets box a Long per call. The oldest time is read after the live bit, which is set
        // after it, so a post made live during the search is covered.
        return posts.isLive(ordinal)
                && (filter.notBeforeMillis() <= posts.oldestCreatedAt() || posts.createdAt(ordinal) >= filter.notBeforeMillis())
                && (!exclusions || filter.accepts(posts.postId(ordinal), posts.authorId(ordinal), posts.createdAt(ordinal)));
    }
}
