package dev.shutter.events;

import java.time.Instant;

/** A parsed event as a typed handler sees it. */
public record Event<T>(String eventId, String type, Instant occurredAt, String key, T payload, int deliveryAttempt) {}
