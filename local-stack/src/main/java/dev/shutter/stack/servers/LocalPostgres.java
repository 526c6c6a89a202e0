package dev.shutter.stack.servers;

import dev.shutter.stack.StackFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL 17 (zonky's embedded binaries) on the stack's data directory: initialised on the
 * first start, reused afterwards, so data survives a restart.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static LocalPostgres start(Path dataDir, int port, Path log) {
        try {
            // The socket path must stay under ~107 bytes, which a deep data directory may not.
            Path sockets = Files.createTempDirectory("shutter-pg-");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", sockets.toString())
                    .setServerConfig("max_connections", "200")
                    // zonky turns fsync off (-F), fine for tests but not for data meant to survive a
                    // restart; commits still do not wait for the disk, so a crash may lose the last
                    // moment of writes, never corrupt the database.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setRegisterShutdownHook(false)
                    .start();
            return new LocalPostgres(server);
        } catch (IOException | RuntimeException e) {
            throw new StackFailure("PostgreSQL did not start (" + rootMessage(e) + "); its log is " + log, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Creates the database when missing (a first start) and gives the owner a password, as clients want one. */
    public void ensureDatabase(String name) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!exists.next()) {
                    s.execute("CREATE DATABASE " + name);
                }
            }
            s.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new StackFailure("could not create the database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
