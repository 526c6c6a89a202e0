package dev.shutter.explore.candidate;

/**
 * Makes {@link OpenSearchKnnIndex}es on one OpenSearch cluster (with the k-NN plugin), creating
 * each generation's index when it is not there yet.
 */
public final class OpenSearchKnnIndexFactory implements AnnIndexFactory {

    private final OpenSearchHttp http;
    private final OpenSearchKnnOptions options;

    /** {@code hosts}: comma-separated {@code host:port} or URLs. */
    public OpenSearchKnnIndexFactory(String hosts, OpenSearchKnnOptions options) {
        this.http = new OpenSearchHttp(hosts, options.requestTimeout());
        this.options = options;
    }

    public OpenSearchKnnIndexFactory(String hosts) {
        this(hosts, OpenSearchKnnOptions.DEFAULT);
    }

    /** @throws AnnUnavailableException when the cluster does not answer */
    @Override
    public OpenSearchKnnIndex create(String generation, int dimension) {
        return OpenSearchKnnIndex.open(http, options, generation, dimension);
    }
}
