package dev.shutter.post.platform;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs CPU-heavy work (password hashing) on the worker pool, then resumes on the caller's Vert.x
 * context: the event loop never blocks, and Hibernate Reactive stays on its own thread.
 */
public final class Offload {

    private Offload() {}

    public static <T> Uni<T> cpu(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> offloaded = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? offloaded : offloaded.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
