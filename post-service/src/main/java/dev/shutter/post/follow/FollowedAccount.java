package dev.shutter.post.follow;

/** An account someone follows; a celebrity's posts are pulled by the feed rather than pushed. */
public record FollowedAccount(long userId, boolean celebrity, long followerCount) {}
