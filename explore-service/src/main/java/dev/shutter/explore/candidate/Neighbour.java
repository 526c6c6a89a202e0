package dev.shutter.explore.candidate;

/** A post found near a query, with its cosine to it. */
public record Neighbour(long postId, long authorId, long createdAtMillis, float score) {}
