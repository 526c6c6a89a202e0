package dev.shutter.contracts.media;

/** One media item of one post, by its IDs: what an object key in either bucket belongs to. */
public record MediaRef(long postId, long mediaId) {}
