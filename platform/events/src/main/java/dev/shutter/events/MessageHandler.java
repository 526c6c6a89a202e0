package dev.shutter.events;

import io.smallrye.mutiny.Uni;

/**
 * Handles one delivered message. Complete the Uni to acknowledge; fail it to have the message
 * delivered again; fail it with a {@link DeadLetterException} when it can never succeed.
 */
@FunctionalInterface
public interface MessageHandler {

    Uni<Void> handle(Delivery delivery);
}
