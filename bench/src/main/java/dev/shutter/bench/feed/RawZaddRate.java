package dev.shutter.bench.feed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The floor of fan-out: how fast the same Redis takes one member into each of thousands of
 * sorted sets when a client does nothing but pipeline {@code ZADD key score member} over one
 * socket (RESP written by hand, replies only checked).
 */
final class RawZaddRate {

    private static final int WINDOW = 1_000;

    private RawZaddRate() {}

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
            commands[i] = command("ZADD", keys.get(i), Long.toString(score), member);
        }
        return pipeline(host, port, commands);
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
            commands[c++] = command(parts.toArray(String[]::new));
        }
        return pipeline(host, port, commands) * keys.size() / commands.length;
    }

    private static String scriptLoad(String host, int port) {
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(command("SCRIPT", "LOAD", FAN_OUT));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (in.read() != '$') {
                throw new IOException("SCRIPT LOAD failed");
            }
            readLine(in);
            return readLine(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double pipeline(String host, int port, byte[][] commands) {
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            int count = commands.length;
            long start = System.nanoTime();
            int sent = 0;
            int answered = 0;
            while (answered < count) {
                while (sent < count && sent - answered < WINDOW) {
                    out.write(commands[sent++]);
                }
                out.flush();
                // Read back half a window before sending more, keeping the pipe full.
                int target = Math.min(count, answered + Math.max(1, (sent - answered) / 2));
                while (answered < target) {
                    readReply(in);
                    answered++;
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] command(String... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(b, "*" + parts.length + "\r\n");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            write(b, "$" + bytes.length + "\r\n");
            b.writeBytes(bytes);
            write(b, "\r\n");
        }
        return b.toByteArray();
    }

    private static void write(ByteArrayOutputStream b, String text) {
        b.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Skips one integer reply (ZADD and the script answer a number), or fails on an error. */
    private static void readReply(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        if (type != ':') {
            throw new IOException("Redis answered " + (char) type + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            s.append((char) c);
        }
        in.read();
        return s.toString();
    }
}
