package dev.shutter.ml.dataset;

/** An approved follow, from when it holds. */
public record Follow(long followerId, long followeeId, long atMillis) {}
