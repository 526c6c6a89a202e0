package dev.shutter.events;

/** A running subscription. */
public interface Subscription extends AutoCloseable {

    /**
     * Stops receiving, waits up to the spec's shutdown grace for handlers in flight to finish,
     * and releases the rest for immediate redelivery: closing never loses a message.
     */
    @Override
    void close();
}
