package dev.shutter.stack;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the launcher tells the user while it builds, starts and stops. On a terminal the line of
 * the step in progress is redrawn (elapsed seconds tick); in a log (CI) every step is one line
 * when it starts and one when it ends, with nothing redrawn.
 */
public final class Console {

    private final PrintStream out;
    private final boolean tty;
    private boolean lineOpen;

    public Console(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    /** A step has begun. */
    public synchronized void begin(String what) {
        if (tty) {
            redraw("  ..   " + what);
        } else {
            out.println("  ..   " + what);
        }
    }

    /** Several things are under way (a terminal shows them on one line, a log nothing). */
    public synchronized void waiting(Map<String, Long> secondsByName) {
        if (!tty || secondsByName.isEmpty()) {
            return;
        }
        redraw("  ..   starting " + secondsByName.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " s").collect(Collectors.joining(", ")));
    }

    /** What a step is doing just now: a terminal shows it in place of the step's line, a log nothing. */
    public synchronized void progress(String what) {
        if (tty) {
            redraw("  ..   " + what);
        }
    }

    public synchronized void ok(String what) {
        line("  ok   " + what);
    }

    public synchronized void fail(String what) {
        line("  FAIL " + what);
    }

    public synchronized void note(String what) {
        line("  note " + what);
    }

    public synchronized void say(String what) {
        line(what);
    }

    private void line(String text) {
        if (lineOpen) {
            out.print("\r\033[2K");
            lineOpen = false;
        }
        out.println(text);
        out.flush();
    }

    private void redraw(String text) {
        out.print("\r\033[2K" + text);
        out.flush();
        lineOpen = true;
    }
}
