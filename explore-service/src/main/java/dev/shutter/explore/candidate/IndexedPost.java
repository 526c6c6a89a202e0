package dev.shutter.explore.candidate;

/** What the index keeps beside a post's vector, for filtering. */
public record IndexedPost(long postId, long authorId, long createdAtMillis) {}
