package dev.shutter.events;

/**
 * Receives a topic's events through a named subscription, at least once.
 *
 * <p>Every adapter behaves the same (the contract test suite checks it): a handler's success
 * acknowledges the message; a failure makes it come back after the spec's retry backoff; a
 * message neither acknowledged nor failed within the ack deadline (the consumer died, or the
 * handler overran its lease) comes back too; the delivery that fails for the
 * {@linkplain SubscriptionSpec#maxDeliveries() last allowed time}, or that fails with a {@link
 * DeadLetterException}, moves to the topic's {@linkplain DeadLetters#topicOf dead-letter topic}
 * with the reason. Subscribing creates what the subscription needs where the adapter may.
 */
public interface EventSubscriber {

    Subscription subscribe(SubscriptionSpec spec, MessageHandler handler);
}
