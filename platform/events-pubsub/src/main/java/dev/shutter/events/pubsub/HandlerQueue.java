package dev.shutter.events.pubsub;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs at most {@code limit} handlers at once; the others wait their turn. Lets the subscriber
 * prefetch far more messages than it handles at once: Pub/Sub's flow control counts a message
 * until its (batched, every 100 ms) ack reaches the server, so bounding handlers by flow control
 * alone would cap a consumer at about ten messages a second per handler.
 */
final class HandlerQueue {

    private final int limit;
    private final Executor executor;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    HandlerQueue(int limit, Executor executor) {
        this.limit = limit;
        this.executor = executor;
    }

    /** The work's outcome, once it had its turn. */
    Uni<Void> run(Supplier<Uni<? extends Void>> work) {
        return Uni.createFrom().emitter(emitter -> enqueue(() -> Uni.createFrom().deferred(work)
                .onTermination().invoke(this::finished)
                .subscribe().with(emitter::complete, emitter::fail)));
    }

    private void enqueue(Runnable start) {
        synchronized (waiting) {
            if (running == limit) {
                waiting.add(start);
                return;
            }
            running++;
        }
        start.run();
    }

    private void finished() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        // On the executor, not inline: a long queue of handlers that finish at once must not recurse.
        executor.execute(next);
    }
}
