package dev.shutter.feed.feed;

import dev.shutter.rest.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** How long feed reads take, ranked normally or degraded (Redis down), and how many fail. */
@ApplicationScoped
public class FeedMetrics {

    private final Timer ranked;
    private final Timer degraded;
    private final Counter unavailable;
    private final Counter unexpected;

    FeedMetrics(MeterRegistry meters) {
        ranked = timer(meters, "ranked");
        degraded = timer(meters, "degraded");
        unavailable = failures(meters, "unavailable");
        unexpected = failures(meters, "unexpected");
    }

    private static Timer timer(MeterRegistry meters, String mode) {
        return Timer.builder("feed.read.latency").description("GET /v1/feed, from request to page")
                .tag("mode", mode).publishPercentileHistogram().register(meters);
    }

    private static Counter failures(MeterRegistry meters, String kind) {
        return Counter.builder("feed.read.failures")
                .description("Feed reads that failed: unavailable (a problem such as post-service down) or unexpected (a bug, 500)")
                .tag("kind", kind).register(meters);
    }

    Timer.Sample start() {
        return Timer.start();
    }

    void served(Timer.Sample sample, boolean wasDegraded) {
        sample.stop(wasDegraded ? degraded : ranked);
    }

    void failed(Throwable failure) {
        (failure instanceof ProblemException ? unavailable : unexpected).increment();
    }
}
