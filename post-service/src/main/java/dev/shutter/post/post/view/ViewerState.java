package dev.shutter.post.post.view;

/** What one viewer has done to a post they may see. */
public record ViewerState(long postId, boolean likedByMe, boolean savedByMe) {}
