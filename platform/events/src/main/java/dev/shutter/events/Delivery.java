package dev.shutter.events;

import java.util.Map;

/**
 * One delivery of a message to a subscriber.
 *
 * @param messageId the broker's ID of the message (the same on every redelivery)
 * @param attributes message attributes; an {@link Envelope}'s metadata, plus {@link DeadLetters}
 *     attributes on a dead letter
 * @param body the message body
 * @param deliveryAttempt 1 on first delivery, then counting up
 */
public record Delivery(String messageId, Map<String, String> attributes, byte[] body, int deliveryAttempt) {

    public Delivery {
        attributes = Map.copyOf(attributes);
    }

    /** The event in this message. @throws DeadLetterException when it is not an envelope */
    public Envelope envelope() {
        return Envelope.fromAttributes(attributes, body);
    }
}
