package dev.shutter.post.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code shutter.search.*}: the search index's drain, caches and limits. */
@ConfigMapping(prefix = "shutter.search")
public interface SearchConfig {

    /** Queue rows per drained batch (one bulk write each). */
    @WithDefault("500")
    int batchSize();

    /** How long page 1 of a hashtag (each sort) is served from Redis. */
    @WithDefault("30s")
    Duration hotTagTtl();

    /** Followed accounts considered when ranking user search (the newest follows beyond it rank as strangers). */
    @WithDefault("5000")
    int followedForRanking();

    /** Documents per bulk write while rebuilding. */
    @WithDefault("1000")
    int rebuildBatchSize();

    /** How long a search answers 503 asks the client to wait. */
    @WithDefault("5s")
    Duration retryAfter();
}
