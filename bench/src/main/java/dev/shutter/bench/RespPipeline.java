package dev.shutter.bench;

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
 * The benchmarks' floors talk to Redis this way: RESP written by hand, pipelined over one socket
 * with a window of commands in flight, replies read and only checked. Nothing a client library
 * adds, so it is what the same Redis can do.
 */
public final class RespPipeline {

    private static final int WINDOW = 1_000;

    private RespPipeline() {}

    /** Commands per second for sending all of them, in order, pipelined. */
    public static double rate(String host, int port, byte[][] commands) {
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
                    skipReply(in);
                    answered++;
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and answers its reply's text (a bulk or simple string, e.g. SCRIPT LOAD's SHA). */
    public static String call(String host, int port, byte[] command) {
        try (Socket socket = new Socket(host, port)) {
            socket.getOutputStream().write(command);
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int type = in.read();
            String line = readLine(in);
            if (type == '-') {
                throw new IOException("Redis error: " + line);
            }
            return type == '$' ? readLine(in) : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] command(String... parts) {
        byte[][] bytes = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = parts[i].getBytes(StandardCharsets.UTF_8);
        }
        return command(bytes);
    }

    public static byte[] command(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(b, "*" + parts.length + "\r\n");
        for (byte[] part : parts) {
            write(b, "$" + part.length + "\r\n");
            b.writeBytes(part);
            write(b, "\r\n");
        }
        return b.toByteArray();
    }

    private static void write(ByteArrayOutputStream b, String text) {
        b.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads past one reply of any type; an error reply fails. */
    private static void skipReply(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        switch (type) {
            case '-' -> throw new IOException("Redis error: " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length >= 0) {
                    in.skipNBytes(length + 2L);
                }
            }
            case '*' -> {
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    skipReply(in);
                }
            }
            default -> { } // simple string or integer: the line was all of it
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
