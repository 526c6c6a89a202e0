package dev.shutter.feed.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** What fan-out costs and how far behind it runs. */
@ApplicationScoped
public class FanoutMetrics {

    private final Timer lag;
    private final DistributionSummary writesPerPost;
    private final Counter writes;
    private final Counter pulledAuthors;

    FanoutMetrics(MeterRegistry meters) {
        lag = Timer.builder("feed.fanout.lag")
                .description("From a post's publication to the last of its followers' timelines written")
                .publishPercentileHistogram().register(meters);
        writesPerPost = DistributionSummary.builder("feed.fanout.timeline.writes.per.post")
                .description("Timelines written per published post: the write amplification")
                .publishPercentileHistogram().register(meters);
        writes = Counter.builder("feed.fanout.timeline.writes").description("Timeline writes by fan-out").register(meters);
        pulledAuthors = Counter.builder("feed.fanout.celebrity.posts")
                .description("Posts not pushed because their author is at or over the celebrity threshold").register(meters);
    }

    void fannedOut(Instant publishedAt, int timelinesWritten) {
        lag.record(Duration.between(publishedAt, Instant.now()).abs());
        writesPerPost.record(timelinesWritten);
        writes.increment(timelinesWritten);
    }

    void pulledInstead() {
        pulledAuthors.increment();
    }
}
