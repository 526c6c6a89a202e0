package dev.shutter.stack.servers;

import dev.shutter.stack.StackFailure;
import java.io.IOException;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * Redis 6.2 (the embedded binary) persisting to the stack's data directory with an append-only
 * file, so timelines, counters and the event streams (with their consumer groups and pending
 * entries) survive a restart.
 */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalRedis start(Path dataDir, int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDir)
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    // Timelines and streams must not be evicted behind the services' backs.
                    .setting("maxmemory-policy noeviction")
                    .build();
            server.start();
            return new LocalRedis(server, port);
        } catch (IOException | RuntimeException e) {
            throw new StackFailure("Redis did not start (" + LocalPostgres.rootMessage(e) + ")", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}, as Quarkus and Vert.x take it. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
