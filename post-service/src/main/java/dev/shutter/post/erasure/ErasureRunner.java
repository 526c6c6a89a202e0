package dev.shutter.post.erasure;

import dev.shutter.contracts.events.EventTypes;
import dev.shutter.contracts.events.v1.ErasureFinished;
import dev.shutter.post.reactive.IsolatedContext;
import dev.shutter.wiring.Subscriptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Carries erasures to the end: polls the ledger for accounts with pending stores, runs each
 * local {@link ErasureStep} whose predecessors have finished (or waited {@code
 * wait-for-others} for them), and records what other services report ({@code erasure.finished}).
 * Nothing is kept in memory between polls, so a crash only delays the next step.
 */
@ApplicationScoped
public class ErasureRunner {

    static final String SUBSCRIPTION = "post-service-erasure";
    private static final Logger LOG = Logger.getLogger(ErasureRunner.class);
    private static final int ACCOUNTS_PER_POLL = 20;

    private final ErasureLedger ledger;
    private final Map<String, ErasureStep> steps;
    private final ErasureConfig config;
    private final Subscriptions subscriptions;
    private final Vertx vertx;
    private final Counter finishedStores;
    private final Timer completion;

    ErasureRunner(ErasureLedger ledger, @All List<ErasureStep> steps, ErasureConfig config, Subscriptions subscriptions,
            Vertx vertx, MeterRegistry meters) {
        this.ledger = ledger;
        this.steps = steps.stream().collect(Collectors.toMap(ErasureStep::store, step -> step, (a, b) -> {
            throw new IllegalStateException("two erasure steps for store " + a.store());
        }, LinkedHashMap::new));
        this.config = config;
        this.subscriptions = subscriptions;
        this.vertx = vertx;
        this.finishedStores = Counter.builder("shutter.erasure.stores.finished").register(meters);
        this.completion = Timer.builder("shutter.erasure.duration")
                .description("From the erasure request until every store reported it done").register(meters);
    }

    /** Every store an erasure opens a ledger row for: the local steps and the other services'. */
    public Set<String> stores() {
        return Stream.concat(steps.keySet().stream(), config.remoteStores().stream()).collect(Collectors.toSet());
    }

    void start(@Observes StartupEvent startup) {
        subscriptions.keep(EventTypes.ERASURE_FINISHED, SUBSCRIPTION,
                event -> IsolatedContext.run(vertx, () -> reported(event.payload())));
    }

    private Uni<Void> reported(ErasureFinished report) {
        Instant at = Instant.ofEpochSecond(report.getFinishedAt().getSeconds(), report.getFinishedAt().getNanos());
        return finished(report.getUserId(), report.getStore(), report.getRemoved(), at);
    }

    @Scheduled(every = "${shutter.erasure.poll:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return runPending().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Erasure poll failed (retried next poll): %s", failure.toString());
            return null;
        });
    }

    /** Runs every step that is ready now. */
    public Uni<Void> runPending() {
        return ledger.pending(ACCOUNTS_PER_POLL).chain(entries -> {
            Map<Long, List<ErasureLedger.Entry>> byAccount = entries.stream()
                    .collect(Collectors.groupingBy(ErasureLedger.Entry::userId, LinkedHashMap::new, Collectors.toList()));
            return Multi.createFrom().iterable(byAccount.entrySet())
                    .onItem().transformToUniAndConcatenate(account -> runReady(account.getKey(), account.getValue()))
                    .collect().last()
                    .replaceWithVoid();
        });
    }

    private Uni<Void> runReady(long userId, List<ErasureLedger.Entry> entries) {
        Set<String> done = new HashSet<>();
        entries.stream().filter(ErasureLedger.Entry::finished).forEach(entry -> done.add(entry.store()));
        Instant requested = entries.getFirst().requestedAt();
        boolean waitedEnough = Instant.now().isAfter(requested.plus(config.waitForOthers()));
        List<ErasureStep> ready = entries.stream()
                .filter(entry -> !entry.finished() && steps.containsKey(entry.store()))
                .map(entry -> steps.get(entry.store()))
                .filter(step -> done.containsAll(predecessors(step, entries)) || waitedEnough)
                .toList();
        return Multi.createFrom().iterable(ready)
                .onItem().transformToUniAndConcatenate(step -> {
                    Set<String> missing = new HashSet<>(predecessors(step, entries));
                    missing.removeAll(done);
                    if (!missing.isEmpty()) {
                        LOG.warnf("Erasure of %d: %s runs without waiting longer for %s", userId, step.store(), missing);
                    }
                    return run(userId, step);
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** The stores the step waits for: those it names, or for the last step every other store of this erasure. */
    private static Set<String> predecessors(ErasureStep step, List<ErasureLedger.Entry> entries) {
        if (!step.last()) {
            return step.after();
        }
        return entries.stream().map(ErasureLedger.Entry::store).filter(store -> !store.equals(step.store()))
                .collect(Collectors.toSet());
    }

    private Uni<Void> run(long userId, ErasureStep step) {
        return step.erase(userId).chain(removed -> finished(userId, step.store(), removed, Instant.now()));
    }

    private Uni<Void> finished(long userId, String store, long removed, Instant at) {
        return ledger.finish(userId, store, removed, at).chain(changed -> {
            if (!changed) {
                return Uni.createFrom().voidItem();
            }
            finishedStores.increment();
            LOG.infof("Erasure of %d: %s done (%d removed)", userId, store, removed);
            return ledger.of(userId).invoke(all -> {
                if (!all.isEmpty() && all.stream().allMatch(ErasureLedger.Entry::finished)) {
                    Instant requested = all.getFirst().requestedAt();
                    Instant last = all.stream().map(ErasureLedger.Entry::finishedAt).max(Instant::compareTo).orElseThrow();
                    completion.record(Duration.between(requested, last));
                    LOG.infof("Erasure of %d complete in %s", userId, Duration.between(requested, last));
                }
            }).replaceWithVoid();
        });
    }
}
