package dev.shutter.events;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings an adapter's answer back to the Vert.x context that asked. Broker clients complete on
 * threads of their own (an executor, the context the client was created on); a caller that goes
 * on with Hibernate Reactive, which keeps its session in the caller's context, must resume there.
 */
public final class CallerContext {

    private CallerContext() {}

    /** The Uni, completing on the subscriber's Vert.x context when it has one. */
    public static <T> Uni<T> resumeOnCaller(Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            return caller == null ? work : work.emitOn(command -> caller.runOnContext(ignored -> command.run()));
        });
    }
}
