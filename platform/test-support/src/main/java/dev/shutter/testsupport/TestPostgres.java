package dev.shutter.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL 17 server (zonky's embedded binaries) on a free loopback port, started once
 * per JVM and stopped at exit. Each suite can take its own {@link #database(String) database} so
 * suites sharing the server do not see each other's rows.
 */
public final class TestPostgres {

    private static final Logger LOG = Logger.getLogger(TestPostgres.class);
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static TestPostgres shared;

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The JVM's PostgreSQL, started on first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = new TestPostgres(start());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-postgres-stop"));
        }
        return shared;
    }

    private static EmbeddedPostgres start() {
        try {
            Path sockets = Files.createTempDirectory("shutter-pg-sock-");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPort(FreePort.find())
                    // The default socket dir (/var/run/postgresql) may not exist or be shared.
                    .setServerConfig("unix_socket_directories", sockets.toString())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.infof("PostgreSQL test server listening on 127.0.0.1:%d", server.getPort());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the PostgreSQL test server", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Creates the database if it does not exist yet and returns its name. */
    public synchronized String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + name);
            }
            // zonky creates the superuser without a password; clients that insist on one get this.
            s.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** The URL form Quarkus' reactive PostgreSQL client takes. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    private void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("PostgreSQL test server did not stop cleanly", e);
        }
    }
}
