package dev.shutter.explore.candidate;

import java.time.Duration;

/**
 * How {@link OpenSearchKnnIndex} lays out and queries its indices: shards and replicas of a new
 * index, HNSW's {@code m} and {@code ef_construction} for the lucene engine, the search beam
 * (the knn query's {@code k}, of which the best {@code k} asked for are returned), and whether
 * every write refreshes the index so that the next search sees it (tests; in production writes
 * show within the index's refresh interval, a second by default).
 */
public record OpenSearchKnnOptions(int shards, int replicas, int m, int efConstruction, int minSearchBeam,
        boolean refreshOnWrite, Duration requestTimeout) {

    public static final OpenSearchKnnOptions DEFAULT =
            new OpenSearchKnnOptions(1, 0, 16, 128, 100, false, Duration.ofSeconds(10));

    public OpenSearchKnnOptions {
        if (shards < 1 || replicas < 0 || m < 2 || efConstruction < 1 || minSearchBeam < 1) {
            throw new IllegalArgumentException("shards ≥ 1, replicas ≥ 0, m ≥ 2, efConstruction ≥ 1 and minSearchBeam ≥ 1"
                    + " are required");
        }
    }

    public OpenSearchKnnOptions withRefreshOnWrite(boolean refresh) {
        return new OpenSearchKnnOptions(shards, replicas, m, efConstruction, minSearchBeam, refresh, requestTimeout);
    }

    public OpenSearchKnnOptions withMinSearchBeam(int beam) {
        return new OpenSearchKnnOptions(shards, replicas, m, efConstruction, beam, refreshOnWrite, requestTimeout);
    }
}
