package dev.shutter.bench.events;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The floor: how fast the same Redis appends 1 KiB entries when a client does nothing but
 * pipeline XADD over one socket (RESP written by hand, replies only counted).
 */
final class RawXaddRate {

    private static final int WINDOW = 1_000;

    private RawXaddRate() {}

    /** Messages per second for {@code count} pipelined XADDs of {@code payload}. */
    static double measure(String host, int port, String stream, int count, byte[] payload) {
        byte[] command = xadd(stream, payload);
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            long start = System.nanoTime();
            int sent = 0;
            int answered = 0;
            while (answered < count) {
                while (sent < count && sent - answered < WINDOW) {
                    out.write(command);
                    sent++;
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

    private static byte[] xadd(String stream, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] head = {"XADD", stream, "MAXLEN", "~", "1000000", "*", "type", "bench", "body"};
        write(b, "*" + (head.length + 1) + "\r\n");
        for (String part : head) {
            bulk(b, part.getBytes(StandardCharsets.US_ASCII));
        }
        bulk(b, payload);
        return b.toByteArray();
    }

    private static void bulk(ByteArrayOutputStream b, byte[] value) {
        write(b, "$" + value.length + "\r\n");
        b.writeBytes(value);
        write(b, "\r\n");
    }

    private static void write(ByteArrayOutputStream b, String text) {
        b.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Skips one simple reply (XADD answers a bulk string ID, or an error). */
    private static void readReply(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        if (type == '-') {
            throw new IOException("Redis error: " + line);
        }
        if (type == '$') {
            int length = Integer.parseInt(line);
            if (length >= 0) {
                in.skipNBytes(length + 2L);
            }
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
