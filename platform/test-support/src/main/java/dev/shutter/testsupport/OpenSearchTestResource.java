package dev.shutter.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} application's Hibernate Search at the JVM's shared OpenSearch node. */
public class OpenSearchTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.hibernate-search-standalone.elasticsearch.hosts", TestOpenSearch.shared().hosts());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped at exit.
    }
}
