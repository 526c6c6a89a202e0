package dev.shutter.events;

/**
 * Where dead letters go and what they carry. A dead letter is the original message (same body,
 * same attributes) plus the attributes below, published to the topic's dead-letter topic. Read
 * them by subscribing to {@link #topicOf(String)} with subscription {@link
 * #subscriptionOf(String)}, which adapters create with the source subscription so none is lost.
 */
public final class DeadLetters {

    /** What every attribute a dead letter adds starts with. */
    public static final String ATTRIBUTE_PREFIX = "deadLetter";
    public static final String REASON = "deadLetterReason";
    public static final String SOURCE_TOPIC = "deadLetterSourceTopic";
    public static final String SOURCE_SUBSCRIPTION = "deadLetterSourceSubscription";
    public static final String DELIVERY_ATTEMPTS = "deadLetterDeliveryAttempts";
    /** Longest reason kept; Pub/Sub caps attribute values at 1,024 bytes. */
    public static final int MAX_REASON_LENGTH = 900;
    /** What a dead-letter topic's or subscription's name ends with. */
    public static final String SUFFIX = ".dead-letter";

    private DeadLetters() {}

    public static String topicOf(String topic) {
        return topic + SUFFIX;
    }

    public static String subscriptionOf(String subscription) {
        return subscription + SUFFIX;
    }

    /** A reason fit for an attribute: never empty, never too long. */
    public static String reason(Throwable failure) {
        String text = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getName()
                : failure.getMessage();
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH);
    }
}
