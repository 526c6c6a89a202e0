package dev.shutter.post.reactive;

import dev.shutter.events.CallerContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * Runs CPU-heavy or blocking work (password hashing, blob store calls) on the worker pool, then
 * resumes on the caller's Vert.x context: the event loop never blocks, and Hibernate Reactive
 * stays on its own thread.
 */
public final class Offload {

    private Offload() {}

    public static <T> Uni<T> cpu(Supplier<T> work) {
        return CallerContext.resumeOnCaller(Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }
}
