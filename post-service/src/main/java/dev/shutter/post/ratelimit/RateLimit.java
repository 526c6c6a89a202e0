package dev.shutter.post.ratelimit;

import java.time.Duration;

/** A named per-user limit: at most {@code max} actions in any {@code window}. */
public record RateLimit(String name, int max, Duration window) {}
