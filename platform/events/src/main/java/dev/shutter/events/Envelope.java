package dev.shutter.events;

import com.google.protobuf.MessageLite;
import dev.shutter.contracts.events.EventType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope every Shutter event travels in. On the wire the metadata are message
 * attributes (Pub/Sub attributes, Redis stream fields) and the payload is the message body, so
 * a consumer can route by type before it parses anything.
 *
 * @param eventId unique per event; consumers de-duplicate on it (delivery is at-least-once)
 * @param type what happened, e.g. {@code post.published}; selects the payload's protobuf type
 * @param occurredAt when it happened
 * @param key the entity it is about (ordering / partition key), e.g. the post ID; may be empty
 * @param payload the serialized protobuf payload
 */
public record Envelope(String eventId, String type, Instant occurredAt, String key, byte[] payload) {

    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String KEY = "key";

    public Envelope {
        requireText(eventId, EVENT_ID);
        requireText(type, TYPE);
        Objects.requireNonNull(occurredAt, OCCURRED_AT);
        key = key == null ? "" : key;
        payload = payload == null ? new byte[0] : payload;
    }

    /** A new event of {@code type} with a random ID, happening now. */
    public static <T extends MessageLite> Envelope of(EventType<T> type, String key, T payload) {
        return of(type, key, payload, Instant.now());
    }

    /** A new event of {@code type} with a random ID, happening at {@code occurredAt}. */
    public static <T extends MessageLite> Envelope of(EventType<T> type, String key, T payload, Instant occurredAt) {
        return new Envelope(UUID.randomUUID().toString(), type.name(), occurredAt, key, payload.toByteArray());
    }

    /** The metadata as message attributes. */
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(EVENT_ID, eventId);
        attributes.put(TYPE, type);
        attributes.put(OCCURRED_AT, occurredAt.toString());
        if (!key.isEmpty()) {
            attributes.put(KEY, key);
        }
        return attributes;
    }

    /**
     * Reads an envelope back from message attributes and body.
     *
     * @throws DeadLetterException when a required attribute is missing or malformed: such a
     *     message can never be handled, so retrying it is pointless
     */
    public static Envelope fromAttributes(Map<String, String> attributes, byte[] body) {
        String eventId = attributes.get(EVENT_ID);
        String type = attributes.get(TYPE);
        String occurredAt = attributes.get(OCCURRED_AT);
        if (eventId == null || eventId.isBlank() || type == null || type.isBlank() || occurredAt == null) {
            throw new DeadLetterException("not an event envelope: missing eventId, type or occurredAt");
        }
        try {
            return new Envelope(eventId, type, Instant.parse(occurredAt), attributes.get(KEY), body);
        } catch (DateTimeParseException e) {
            throw new DeadLetterException("not an event envelope: occurredAt is not an instant: " + occurredAt);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e
                && eventId.equals(e.eventId)
                && type.equals(e.type)
                && occurredAt.equals(e.occurredAt)
                && key.equals(e.key)
                && java.util.Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, occurredAt, key, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Envelope[" + type + " " + eventId + " key=" + key + " " + payload.length + " bytes]";
    }
}
