package dev.shutter.ids;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs work on a daemon thread. Then a generator stuck in a wait because of a bug fails the
 * test through a get() timeout, instead of hanging the JVM at executor shutdown: the wait loop
 * ignores interrupts.
 */
final class Background {

    private Background() {}

    static <T> CompletableFuture<T> start(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
