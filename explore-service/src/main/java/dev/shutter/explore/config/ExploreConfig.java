package dev.shutter.explore.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How Explore retrieves, ranks, caches and falls back; model and index settings. */
@ConfigMapping(prefix = "shutter.explore")
public interface ExploreConfig {

    /** ANN neighbours retrieved per request, before ranking. */
    @WithDefault("500")
    int candidates();

    /** Ranked posts kept per user (the frozen list that pages are cut from). */
    @WithDefault("50")
    int resultSize();

    /** At most this many posts of one author in a ranked list. */
    @WithDefault("2")
    int perAuthor();

    /** How long a user's ranked list stays frozen for paging ({@code explore:{userId}}). */
    @WithDefault("15m")
    Duration cacheTtl();

    /** Past this the personalised path gives up and trending answers. */
    @WithDefault("2s")
    Duration timeout();

    /** How long a computed user embedding is used before it is recomputed (an engagement recomputes it at once). */
    @WithDefault("30m")
    Duration userEmbeddingTtl();

    /** Recent engagements per user kept for the user tower and the "already engaged" filter. */
    @WithDefault("500")
    int engagedKept();

    /** Posts older than this leave the index and the catalog (the recency window Explore retrieves from). */
    @WithDefault("7d")
    Duration window();

    Trending trending();

    Scores scores();

    Index index();

    Models models();

    interface Trending {
        /** How often the trending list is recomputed. */
        @WithDefault("2m")
        Duration refresh();

        /** Posts kept in the trending list. */
        @WithDefault("500")
        int size();

        /** Engagement velocity halves every this long. */
        @WithDefault("6h")
        Duration halfLife();
    }

    interface Scores {
        /** How often {@code engagement:{postId}} is written for recent posts. */
        @WithDefault("3m")
        Duration interval();

        /** Posts this recent get a score. */
        @WithDefault("3d")
        Duration recent();

        /** Recency decay of a score: halves every this long. */
        @WithDefault("24h")
        Duration halfLife();

        /** Engagements per hour at which velocity counts as full (1). */
        @WithDefault("20")
        double fullVelocity();
    }

    interface Index {
        /** {@code jvector} (in this JVM, the default) or {@code opensearch}. */
        @WithDefault("jvector")
        String adapter();

        /** The OpenSearch node for the {@code opensearch} adapter, e.g. {@code http://127.0.0.1:9200}. */
        Optional<String> opensearchHosts();

        /**
         * The subscription that feeds this instance's index and catalog. Every instance needs all
         * posts, so each has its own (set it per instance when running several); the shared
         * per-user work uses the service's one subscription.
         */
        @WithDefault("explore-service-index")
        String subscription();

        /** How often the catalog and the active index are written to disk, so a restart does not re-embed. */
        @WithDefault("5m")
        Duration snapshotInterval();

        /**
         * The snapshot's name in the model store ({@code snapshots/{name}}), where each save is
         * copied too: an instance that starts on an empty disk (Cloud Run) restores from there.
         */
        @WithDefault("explore-catalog")
        String snapshotName();
    }

    interface Models {
        /** How often the model store is checked for a newer complete release, in case an event was missed. */
        @WithDefault("1m")
        Duration checkInterval();

        /** Inference runs warming a new model before it serves. */
        @WithDefault("20")
        int warmups();
    }
}
