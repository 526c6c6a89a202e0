package dev.shutter.explore.engagement;

import dev.shutter.contracts.redis.SharedRedisKeys;
import dev.shutter.explore.config.ExploreConfig;
import dev.shutter.explore.item.AuthorStats;
import dev.shutter.explore.item.CatalogItem;
import dev.shutter.explore.item.ItemCatalog;
import dev.shutter.models.RankerFeatures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Every {@code shutter.explore.scores.interval}, writes {@code engagement:{postId}} for the
 * catalog's recent posts (private ones too: followers' feeds rank them), which feed-service's
 * ranking overlay reads. Pipelined in batches; each key expires a day after its post stops being
 * recent, so nothing needs sweeping.
 */
@ApplicationScoped
public class EngagementScoreWriter {

    private static final Logger LOG = Logger.getLogger(EngagementScoreWriter.class);
    static final int BATCH = 1000;

    private final ItemCatalog catalog;
    private final Redis redis;
    private final ExploreConfig config;
    private final AtomicLong written = new AtomicLong();

    EngagementScoreWriter(ItemCatalog catalog, Redis redis, ExploreConfig config, MeterRegistry metrics) {
        this.catalog = catalog;
        this.redis = redis;
        this.config = config;
        metrics.gauge("explore.engagement.scores.written", written);
    }

    @Scheduled(every = "${shutter.explore.scores.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return writeNow().onFailure().invoke(e -> LOG.warnf("Engagement scores not written this round: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Scores the recent posts now; how many were written. */
    public Uni<Integer> writeNow() {
        long now = System.currentTimeMillis();
        long recentSince = now - config.scores().recent().toMillis();
        List<CatalogItem> recent = catalog.all().stream().filter(item -> item.createdAtMillis() >= recentSince).toList();
        AuthorStats authors = AuthorStats.of(catalog.all(), now - RankerFeatures.AUTHOR_WINDOW.toMillis());
        long ttl = config.scores().recent().plus(Duration.ofDays(1)).toSeconds();
        List<Uni<List<Response>>> batches = new ArrayList<>();
        List<Request> batch = new ArrayList<>(BATCH);
        for (CatalogItem item : recent) {
            double score = EngagementScores.score(item, authors, now, config.trending().halfLife().toMillis(),
                    config.scores().halfLife().toMillis(), config.scores().fullVelocity());
            batch.add(Request.cmd(Command.SET).arg(SharedRedisKeys.engagement(item.postId()))
                    .arg(String.format(java.util.Locale.ROOT, "%.6f", score)).arg("EX").arg(ttl));
            if (batch.size() == BATCH) {
                batches.add(redis.batch(batch));
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(redis.batch(batch));
        }
        if (batches.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(batches).andFailFast().map(done -> {
            written.addAndGet(recent.size());
            return recent.size();
        });
    }
}
