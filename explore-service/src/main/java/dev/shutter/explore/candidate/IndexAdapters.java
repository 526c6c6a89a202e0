package dev.shutter.explore.candidate;

import dev.shutter.explore.config.ExploreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The ANN adapter the config names: jvector in this JVM (the default), or OpenSearch k-NN. */
@ApplicationScoped
public class IndexAdapters {

    @Produces
    @ApplicationScoped
    AnnIndexFactory indexes(ExploreConfig config) {
        return switch (config.index().adapter()) {
            case "jvector" -> new JVectorIndexFactory();
            case "opensearch" -> new OpenSearchKnnIndexFactory(config.index().opensearchHosts().orElseThrow(() ->
                    new IllegalStateException("shutter.explore.index.adapter=opensearch needs shutter.explore.index.opensearch-hosts")));
            default -> throw new IllegalStateException("shutter.explore.index.adapter is jvector or opensearch, not "
                    + config.index().adapter());
        };
    }
}
