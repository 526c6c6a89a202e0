package dev.shutter.post.post;

import java.time.Instant;

/** A post by its IDs and creation time: what the feed's celebrity pull merges and then hydrates. */
public record PostRef(long postId, long authorId, Instant createdAt) {}
