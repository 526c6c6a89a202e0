package dev.shutter.bench.feed;

import dev.shutter.bench.RespPipeline;
import java.util.List;

/**
 * The floor of fan-out: how fast the same Redis takes one member into each of thousands of
 * sorted sets when a client does nothing but pipeline {@code ZADD key score member} over one
 * socket ({@link RespPipeline}); and of many viewers' views of one story: many members into one
 * sorted set.
 */
public final class RawZaddRate {

    private RawZaddRate() {}

    /** Writes per second for one pipelined ZADD of each member (in order) into one key. */
    public static double measureOneKey(String host, int port, String key, List<String> members, long score) {
        byte[][] commands = new byte[members.size()][];
        for (int i = 0; i < members.size(); i++) {
            commands[i] = RespPipeline.command("ZADD", key, Long.toString(score), members.get(i));
        }
        return RespPipeline.rate(host, port, commands);
    }

    /**
     * feed-service's fan-out script (TimelineStore's FAN_OUT: per hash-tag bucket, for each built
     * timeline ZADD, and a trim for about one in 16), for what Redis alone spends on a fan-out.
     */
    private static final String FAN_OUT = """
            local trim = {}
            for index in string.gmatch(ARGV[4], '%d+') do trim[tonumber(index)] = true end
            local written = 0
            for i, key in ipairs(KEYS) do
              if redis.call('ZSCORE', key, '0') then
                redis.call('ZADD', key, ARGV[1], ARGV[2])
                if trim[i] then redis.call('ZREMRANGEBYRANK', key, 1, ARGV[3]) end
                written = written + 1
              end
            end
            return written""";

    /** Writes per second for one pipelined ZADD of {@code member} into each key. */
    static double measure(String host, int port, List<String> keys, long score, String member) {
        byte[][] commands = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            commands[i] = RespPipeline.command("ZADD", keys.get(i), Long.toString(score), member);
        }
        return RespPipeline.rate(host, port, commands);
    }

    /**
     * The same writes through feed-service's script by EVALSHA, one call per hash-tag bucket, sent
     * raw: what Redis alone spends on a fan-out, without feed-service's client.
     */
    static double measureScript(String host, int port, List<String> keys, long score, String member) {
        String sha = scriptLoad(host, port);
        java.util.Map<String, List<String>> buckets = new java.util.TreeMap<>();
        for (String key : keys) {
            buckets.computeIfAbsent(key.substring(0, key.indexOf('}') + 1), b -> new java.util.ArrayList<>()).add(key);
        }
        long postId = Long.parseLong(member);
        byte[][] commands = new byte[buckets.size()][];
        int c = 0;
        for (List<String> bucket : buckets.values()) {
            List<String> parts = new java.util.ArrayList<>(List.of("EVALSHA", sha, Integer.toString(bucket.size())));
            parts.addAll(bucket);
            StringBuilder trim = new StringBuilder();
            for (int i = 0; i < bucket.size(); i++) {
                long userId = Long.parseLong(bucket.get(i).substring(bucket.get(i).lastIndexOf(':') + 1));
                if (Math.floorMod(userId ^ postId, 16L) == 0) {
                    trim.append(i + 1).append(',');
                }
            }
            parts.addAll(List.of(Long.toString(score), member, "-501", trim.toString()));
            commands[c++] = RespPipeline.command(parts.toArray(String[]::new));
        }
        return RespPipeline.rate(host, port, commands) * keys.size() / commands.length;
    }

    private static String scriptLoad(String host, int port) {
        return RespPipeline.call(host, port, RespPipeline.command("SCRIPT", "LOAD", FAN_OUT));
    }
}
