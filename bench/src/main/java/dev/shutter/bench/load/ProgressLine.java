package dev.shutter.bench.load;

import java.io.PrintStream;

/**
 * Progress of a long phase: on a terminal one line redrawn in place; in a log (CI) a line at
 * most every few seconds, so the log shows the run moving without flooding.
 */
final class ProgressLine {

    static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean tty;
    private long lastLogged;
    private boolean open;

    ProgressLine(PrintStream out) {
        this.out = out;
        this.tty = System.console() != null && System.console().isTerminal();
    }

    synchronized void show(String text) {
        if (tty) {
            out.print("\r\033[2K" + text);
            out.flush();
            open = true;
        } else if (System.nanoTime() - lastLogged > LOG_EVERY_NANOS) {
            out.println(text);
            lastLogged = System.nanoTime();
        }
    }

    synchronized void done(String text) {
        if (open) {
            out.print("\r\033[2K");
            open = false;
        }
        out.println(text);
        out.flush();
    }
}
