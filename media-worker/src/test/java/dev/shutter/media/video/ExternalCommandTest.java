package dev.shutter.media.video;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExternalCommandTest {

    @Test
    void processIsKilledOnTimeout() {
        IOException e = assertThrows(IOException.class,
                () -> ExternalCommand.run(List.of("sleep", "30"), Duration.ofMillis(300)));

        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertNoSleepChildren();
    }

    @Test
    void processIsKilledWhenTheWorkerThreadIsInterrupted() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                ExternalCommand.run(List.of("sh", "-c", "sleep 30; true"), Duration.ofMinutes(1));
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        Thread.sleep(300);
        worker.interrupt();

        assertInstanceOf(InterruptedIOException.class, failure.get(10, TimeUnit.SECONDS));
        worker.join(5_000);
        assertNoSleepChildren();
    }

    private static void assertNoSleepChildren() {
        assertFalse(ProcessHandle.current().descendants()
                        .anyMatch(p -> p.isAlive() && p.info().command().orElse("").matches(".*/(sleep|sh)$")),
                "a child process survived");
    }
}
