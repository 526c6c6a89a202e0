package dev.shutter.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the embedded 6.2 binary) on a free loopback port, started once per JVM and
 * stopped at exit. Tests that need Redis to fail can {@link #stop()} and {@link #start()} it again
 * on the same port.
 *
 * <p>"Once per JVM" holds across class loaders: Quarkus loads test code in loaders of its own (one
 * per application, per test profile), each with its own copy of this class. The port is kept in a
 * system property, so every copy talks to, stops and restarts the same server.
 */
public final class TestRedis {

    private static final Logger LOG = Logger.getLogger(TestRedis.class);
    private static final String PORT_PROPERTY = "shutter.test.redis.port";
    private static TestRedis shared;

    private final int port;
    private final Path dir;
    private RedisServer server;

    private TestRedis(int port) {
        this.port = port;
        try {
            dir = Files.createTempDirectory("shutter-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM's Redis, started on first use. */
    public static TestRedis shared() {
        synchronized (System.class) {
            if (shared == null) {
                String known = System.getProperty(PORT_PROPERTY);
                shared = new TestRedis(known == null ? FreePort.find() : Integer.parseInt(known));
                if (known == null) {
                    shared.start();
                    System.setProperty(PORT_PROPERTY, Integer.toString(shared.port));
                    TestRedis first = shared;
                    Runtime.getRuntime().addShutdownHook(new Thread(first::stop, "test-redis-stop"));
                }
            }
            return shared;
        }
    }

    public synchronized void start() {
        if (server != null && server.isActive() || answers()) {
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
        if (server != null && server.isActive()) {
            try {
                server.stop();
            } catch (IOException e) {
                LOG.warn("Redis test server did not stop cleanly", e);
            }
            awaitGone();
            return;
        }
        // Started by another class loader's copy: ask the server itself to go.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();
        } catch (IOException e) {
            LOG.debugf("Redis on %d was not running: %s", port, e.getMessage());
        }
        awaitGone();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitGone() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (answers() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
