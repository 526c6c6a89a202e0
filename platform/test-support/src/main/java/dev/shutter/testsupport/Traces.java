package dev.shutter.testsupport;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where an erased account's ID or name still appears: every row of every table, every Redis key
 * and value, every file path. What erasure tests scan after the ledger says done.
 */
public final class Traces {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Traces() {}

    /**
     * Every row of every table of the public schema, as text, that mentions one of the values as a
     * whole word; Flyway's history and the {@code excluded} tables (the erasure's own record) aside.
     */
    public static List<String> inDatabase(Connection connection, List<String> values, Set<String> excluded) throws SQLException {
        List<String> traces = new ArrayList<>();
        for (String table : tables(connection)) {
            if (excluded.contains(table) || table.startsWith("flyway")) {
                continue;
            }
            for (String value : values) {
                try (PreparedStatement query = connection.prepareStatement("SELECT t::text FROM " + table
                        + " t WHERE t::text ~ ('(^|[^0-9A-Za-z_])' || ? || '([^0-9A-Za-z_]|$)')")) {
                    query.setString(1, value); // IDs and usernames hold no characters a regex treats specially but '.'
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            traces.add(table + ": " + rows.getString(1));
                        }
                    }
                }
            }
        }
        return traces;
    }

    public static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Every key whose name or value mentions the ID; event streams (the capped transport log) aside. */
    public static List<String> inRedis(Redis redis, String id) {
        Pattern mention = Pattern.compile("(^|[^0-9])" + Pattern.quote(id) + "([^0-9]|$)");
        List<String> traces = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(1000)).await().atMost(WAIT);
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                String name = key.toString();
                String type = redis.send(Request.cmd(Command.TYPE).arg(name)).await().atMost(WAIT).toString();
                if (!type.equals("stream") && (mention.matcher(name).find() || mention.matcher(valueOf(redis, name, type)).find())) {
                    traces.add(name);
                }
            }
        } while (!cursor.equals("0"));
        return traces;
    }

    private static String valueOf(Redis redis, String key, String type) {
        Request read = switch (type) {
            case "string" -> Request.cmd(Command.GET).arg(key);
            case "set" -> Request.cmd(Command.SMEMBERS).arg(key);
            case "zset" -> Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1);
            case "hash" -> Request.cmd(Command.HGETALL).arg(key);
            case "list" -> Request.cmd(Command.LRANGE).arg(key).arg(0).arg(-1);
            default -> null;
        };
        return read == null ? "" : String.valueOf(redis.send(read).await().atMost(WAIT));
    }

    /** Every file or folder under the root with the ID as a whole path segment or leading a segment ({@code <id>-<token>}). */
    public static List<String> inFiles(Path root, String id) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        Pattern mention = Pattern.compile("(^|/)" + Pattern.quote(id) + "(/|-|$)");
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(path -> mention.matcher(path).find()).toList();
        }
    }
}
