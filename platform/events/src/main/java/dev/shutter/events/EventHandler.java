package dev.shutter.events;

import io.smallrye.mutiny.Uni;

/** Handles one typed event; the same contract as {@link MessageHandler}. */
@FunctionalInterface
public interface EventHandler<T> {

    Uni<Void> handle(Event<T> event);
}
