package dev.shutter.bench;

import dev.shutter.testsupport.TestPostgres;
import dev.shutter.testsupport.TestRedis;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** post-service as the benchmarks run it: one database of its own, the shared Redis, limits out of the way. */
public final class BenchPostService {

    private BenchPostService() {}

    public static Map<String, String> config(TestPostgres postgres, String database, Path dataDir) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.redis.hosts", TestRedis.shared().uri());
        config.put("shutter.data-dir", dataDir.toString());
        // The benches measure the handlers, not rejections: the limiters still run on every request.
        for (String limit : new String[] {"posts-per-window", "stories-per-window", "sign-ins-per-address", "sign-ups-per-address", "refreshes-per-address"}) {
            config.put("shutter.limits." + limit, "100000000");
        }
        config.put("shutter.jwt.generate-if-missing", "true");
        config.put("quarkus.log.level", "WARN");
        return config;
    }

    /** Extra JVM options for the service, e.g. {@code -Dbench.postService.jvmArgs=-XX:StartFlightRecording=filename=/tmp/post.jfr} to profile it. */
    public static List<String> jvmArgs() {
        String extra = System.getProperty("bench.postService.jvmArgs", "").strip();
        return extra.isEmpty() ? List.of() : List.of(extra.split(" +"));
    }

    /** The key post-service signs service tokens with: its default place in the data directory. */
    public static Path serviceKey(Path dataDir) {
        return dataDir.resolve("keys/service.key");
    }
}
