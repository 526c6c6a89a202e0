package dev.shutter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the embedded 6.2 binary) on a free loopback port, started once per JVM and
 * stopped at exit. Tests that need Redis to fail can {@link #stop()} and {@link #start()} it again
 * on the same port.
 */
public final class TestRedis {

    private static final Logger LOG = Logger.getLogger(TestRedis.class);
    private static TestRedis shared;

    private final int port = FreePort.find();
    private final Path dir;
    private RedisServer server;

    private TestRedis() {
        try {
            dir = Files.createTempDirectory("shutter-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM's Redis, started on first use. */
    public static synchronized TestRedis shared() {
        if (shared == null) {
            shared = new TestRedis();
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-redis-stop"));
        }
        return shared;
    }

    public synchronized void start() {
        if (server != null && server.isActive()) {
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dir)
                    // Tests want a clean, fast server: no snapshots, no append-only file.
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory-policy noeviction")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            LOG.infof("Redis test server listening on 127.0.0.1:%d", port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Redis test server", e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warn("Redis test server did not stop cleanly", e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:port}, as Quarkus and Vert.x take it. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }
}
