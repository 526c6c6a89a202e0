package dev.shutter.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at a database of the JVM's shared test PostgreSQL.
 * The database name comes from the resource's init arg {@code database} (default {@code shutter}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "shutter";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestPostgres.shared();
        postgres.database(database);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", TestPostgres.USER,
                "quarkus.datasource.password", TestPostgres.PASSWORD);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped at exit.
    }
}
