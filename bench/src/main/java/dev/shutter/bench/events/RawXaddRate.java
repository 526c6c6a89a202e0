package dev.shutter.bench.events;

import dev.shutter.bench.RespPipeline;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The floor: how fast the same Redis appends 1 KiB entries when a client does nothing but
 * pipeline XADD over one socket ({@link RespPipeline}).
 */
final class RawXaddRate {

    private RawXaddRate() {}

    /** Messages per second for {@code count} pipelined XADDs of {@code payload}. */
    static double measure(String host, int port, String stream, int count, byte[] payload) {
        byte[] xadd = RespPipeline.command(ascii("XADD"), ascii(stream), ascii("MAXLEN"), ascii("~"), ascii("1000000"),
                ascii("*"), ascii("type"), ascii("bench"), ascii("body"), payload);
        byte[][] commands = new byte[count][];
        Arrays.fill(commands, xadd);
        return RespPipeline.rate(host, port, commands);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
