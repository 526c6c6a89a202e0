package dev.shutter.post.follow;

/** An account as lists show it; the ID is a string (JavaScript loses precision above 2^53). */
public record AccountSummary(String userId, String username, String displayName, String avatarUrl) {}
