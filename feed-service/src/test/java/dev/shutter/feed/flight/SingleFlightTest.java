package dev.shutter.feed.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final SingleFlight<Long> flights = new SingleFlight<>();
    private final AtomicInteger started = new AtomicInteger();

    private Uni<String> work(CompletableFuture<String> result) {
        return flights.run(42L, () -> {
            started.incrementAndGet();
            return Uni.createFrom().completionStage(result);
        });
    }

    @Test
    void callersWhileItRunsShareOneRun() {
        CompletableFuture<String> result = new CompletableFuture<>();
        CompletableFuture<String> first = work(result).subscribeAsCompletionStage();
        CompletableFuture<String> second = work(new CompletableFuture<>()).subscribeAsCompletionStage();
        assertThat(flights.running()).isEqualTo(1);

        result.complete("timeline");

        assertThat(first.join()).isEqualTo("timeline");
        assertThat(second.join()).isEqualTo("timeline");
        assertThat(started).hasValue(1);
        assertThat(flights.running()).isZero();
    }

    @Test
    void theNextCallAfterItFinishesRunsAgain() {
        assertThat(work(CompletableFuture.completedFuture("a")).await().atMost(Duration.ofSeconds(5))).isEqualTo("a");
        assertThat(work(CompletableFuture.completedFuture("b")).await().atMost(Duration.ofSeconds(5))).isEqualTo("b");
        assertThat(started).hasValue(2);
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotRemembered() {
        CompletableFuture<String> result = new CompletableFuture<>();
        CompletableFuture<String> first = work(result).subscribeAsCompletionStage();
        CompletableFuture<String> second = work(new CompletableFuture<>()).subscribeAsCompletionStage();
        result.completeExceptionally(new IllegalStateException("post-service down"));

        assertThatThrownBy(first::join).hasRootCauseMessage("post-service down");
        assertThatThrownBy(second::join).hasRootCauseMessage("post-service down");
        assertThat(work(CompletableFuture.completedFuture("ok")).await().atMost(Duration.ofSeconds(5))).isEqualTo("ok");
    }

    @Test
    void nothingStartsUntilSomeoneSubscribes() {
        Uni<String> lazy = work(CompletableFuture.completedFuture("x"));
        assertThat(started).hasValue(0);
        assertThat(lazy.await().atMost(Duration.ofSeconds(5))).isEqualTo("x");
        assertThat(started).hasValue(1);
    }
}
