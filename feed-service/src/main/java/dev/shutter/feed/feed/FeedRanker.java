package dev.shutter.feed.feed;

import dev.shutter.feed.config.FeedConfig;
import dev.shutter.ids.Snowflake;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Orders a reader's candidate posts by {@code 0.6 × engagement + 0.4 × recency} (weights from
 * configuration). Engagement is explore-service's score in [0, 1] (0 when it has none); recency
 * halves every half-life, from the creation time the post's ID carries. Ties go to the newer post.
 */
@ApplicationScoped
public class FeedRanker {

    private final FeedConfig.Ranking config;

    FeedRanker(FeedConfig config) {
        this.config = config.ranking();
    }

    public List<Long> rank(List<Long> candidates, Map<Long, Double> engagement, Instant now) {
        double halfLifeMillis = Math.max(1, config.halfLife().toMillis());
        long nowMillis = now.toEpochMilli();
        record Scored(long postId, double score) {}
        return candidates.stream()
                .distinct()
                .map(id -> {
                    double age = Math.max(0, nowMillis - Snowflake.epochMillisOf(id));
                    double recency = Math.pow(0.5, age / halfLifeMillis);
                    double engaged = Math.clamp(engagement.getOrDefault(id, 0.0), 0.0, 1.0);
                    return new Scored(id, config.engagementWeight() * engaged + config.recencyWeight() * recency);
                })
                .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::postId, Comparator.reverseOrder()))
                .map(Scored::postId)
                .toList();
    }
}
