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
     * What the per-follower script fan-out used before plain pipelined ZADDs (add-if-present:
     * EXISTS, ZADD, ZREMRANGEBYRANK) costs Redis itself, for comparison.
     */
    private static final String ADD_IF_PRESENT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('ZADD', KEYS[1], unpack(ARGV, 2))
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[1]) + 2))
            return 1""";

    /** Writes per second for one pipelined ZADD of {@code member} into each key. */
    static double measure(String host, int port, List<String> keys, long score, String member) {
        byte[][] commands = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            commands[i] = command("ZADD", keys.get(i), Long.toString(score), member);
        }
        return pipeline(host, port, commands);
    }

    /** The same through that script by EVALSHA: what Redis alone spent on a fan-out before. */
    static double measureScript(String host, int port, List<String> keys, long score, String member) {
        String sha = scriptLoad(host, port);
        byte[][] commands = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            commands[i] = command("EVALSHA", sha, "1", keys.get(i), "500", Long.toString(score), member);
        }
        return pipeline(host, port, commands);
    }

    private static String scriptLoad(String host, int port) {
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(command("SCRIPT", "LOAD", ADD_IF_PRESENT));
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
