package dev.shutter.postclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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

    // The batch form: posts fetched for several readers at once.

    private final List<List<Long>> fetched = new CopyOnWriteArrayList<>();

    private Uni<Map<Long, String>> fetch(List<Long> keys, CompletableFuture<Map<Long, String>> result) {
        return flights.runAll(keys, ids -> {
            fetched.add(new ArrayList<>(ids));
            return Uni.createFrom().completionStage(result);
        });
    }

    @Test
    void aBatchFetchesOnlyTheKeysNobodyElseIsFetching() {
        CompletableFuture<Map<Long, String>> firstResult = new CompletableFuture<>();
        CompletableFuture<Map<Long, String>> first = fetch(List.of(1L, 2L), firstResult).subscribeAsCompletionStage();
        CompletableFuture<Map<Long, String>> secondResult = new CompletableFuture<>();
        CompletableFuture<Map<Long, String>> second = fetch(List.of(2L, 3L, 3L), secondResult).subscribeAsCompletionStage();

        assertThat(fetched).containsExactly(List.of(1L, 2L), List.of(3L));
        secondResult.complete(Map.of(3L, "three"));
        assertThat(second).isNotDone(); // still waiting for 2, which the first batch fetches
        firstResult.complete(Map.of(1L, "one", 2L, "two"));

        assertThat(first.join()).isEqualTo(Map.of(1L, "one", 2L, "two"));
        assertThat(second.join()).isEqualTo(Map.of(2L, "two", 3L, "three"));
        assertThat(flights.running()).isZero();
    }

    @Test
    void keysTheWorkDidNotFindAreAbsentAndFetchedAgainNextTime() {
        assertThat(fetch(List.of(1L, 2L), CompletableFuture.completedFuture(Map.of(1L, "one"))).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo(Map.of(1L, "one"));
        fetch(List.of(2L), CompletableFuture.completedFuture(Map.of())).await().atMost(Duration.ofSeconds(5));
        assertThat(fetched).containsExactly(List.of(1L, 2L), List.of(2L));
    }

    @Test
    void anotherCallersFailureOnlyLeavesItsKeysOut() {
        CompletableFuture<Map<Long, String>> failing = new CompletableFuture<>();
        CompletableFuture<Map<Long, String>> first = fetch(List.of(1L), failing).subscribeAsCompletionStage();
        CompletableFuture<Map<Long, String>> second = fetch(List.of(1L, 2L), CompletableFuture.completedFuture(Map.of(2L, "two")))
                .subscribeAsCompletionStage();
        failing.completeExceptionally(new IllegalStateException("post-service down"));

        assertThatThrownBy(first::join).hasRootCauseMessage("post-service down");
        assertThat(second.join()).isEqualTo(Map.of(2L, "two"));
        assertThat(flights.running()).isZero();
    }

    @Test
    void aCallerThatGivesUpReleasesItsKeys() {
        CompletableFuture<Map<Long, String>> never = new CompletableFuture<>();
        fetch(List.of(7L), never).subscribe().with(ignored -> { }).cancel();
        assertThat(flights.running()).isZero();
        assertThat(fetch(List.of(7L), CompletableFuture.completedFuture(Map.of(7L, "seven"))).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo(Map.of(7L, "seven"));
    }

    @Test
    void singleAndBatchFormsShareTheirFlights() {
        CompletableFuture<String> rebuild = new CompletableFuture<>();
        CompletableFuture<String> single = work(rebuild).subscribeAsCompletionStage();
        CompletableFuture<Map<Long, Object>> batch = flights.<Object>runAll(List.of(42L), ids -> {
            throw new AssertionError("42 is already running");
        }).subscribeAsCompletionStage();
        rebuild.complete("timeline");
        assertThat(single.join()).isEqualTo("timeline");
        assertThat(batch.join()).isEqualTo(Map.of(42L, "timeline"));
    }
}
