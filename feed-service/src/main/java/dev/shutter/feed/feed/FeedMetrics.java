package dev.shutter.feed.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** How long feed reads take, ranked normally or degraded (Redis down). */
@ApplicationScoped
public class FeedMetrics {

    private final Timer ranked;
    private final Timer degraded;

    FeedMetrics(MeterRegistry meters) {
        ranked = timer(meters, "ranked");
        degraded = timer(meters, "degraded");
    }

    private static Timer timer(MeterRegistry meters, String mode) {
        return Timer.builder("feed.read.latency").description("GET /v1/feed, from request to page")
                .tag("mode", mode).publishPercentileHistogram().register(meters);
    }

    Timer.Sample start() {
        return Timer.start();
    }

    void served(Timer.Sample sample, boolean wasDegraded) {
        sample.stop(wasDegraded ? degraded : ranked);
    }
}
