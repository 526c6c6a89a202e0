package dev.shutter.stack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What {@code ./shutter up} was asked for.
 *
 * @param repoRoot the checkout: where the services' modules and built jars are
 * @param dataDir everything the stack stores (database, Redis, buckets, keys, logs)
 * @param fresh wipe the data directory first
 * @param portBase the gateway's port; the others follow it ({@link StackPorts})
 * @param celebrityThreshold followers from which an author's posts are pulled at read time
 *     instead of pushed; small by default so that a laptop-sized network has celebrities
 * @param tty whether the output is a terminal (progress redraws one line) or a log
 * @param firstModel once the stack is up, train and publish a first release of the Explore models
 *     when the model store has none (ml-models' bootstrap, in the background)
 */
public record StackOptions(Path repoRoot, Path dataDir, boolean fresh, int portBase, int celebrityThreshold,
        boolean tty, boolean firstModel) {

    public static final String DEFAULT_DATA_DIR = ".shutter-data";
    public static final int DEFAULT_CELEBRITY_THRESHOLD = 100;

    public static final String USAGE = """
            usage: ./shutter up [--fresh] [--data-dir DIR] [--port-base PORT] [--celebrity-threshold N] [--no-first-model]
              --fresh                  wipe the data directory first (database, Redis, media, models, keys, logs)
              --data-dir DIR           where the stack keeps its data (default ./.shutter-data, or $SHUTTER_DATA_DIR)
              --port-base PORT         gateway port; services, PostgreSQL and Redis use the next six (default 8080)
              --celebrity-threshold N  followers from which posts are pulled, not pushed (default 100)
              --no-first-model         do not train a first Explore model when the model store has none""";

    public StackPorts ports() {
        return StackPorts.fromBase(portBase);
    }

    /** Parses the arguments after {@code up}. */
    public static StackOptions parse(List<String> args, Path repoRoot, String dataDirFromEnv, boolean tty) {
        Path dataDir = dataDirFromEnv == null || dataDirFromEnv.isBlank()
                ? repoRoot.resolve(DEFAULT_DATA_DIR) : Path.of(dataDirFromEnv);
        boolean fresh = false;
        int portBase = StackPorts.DEFAULT_BASE;
        int celebrityThreshold = DEFAULT_CELEBRITY_THRESHOLD;
        boolean firstModel = true;
        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "--data-dir" -> dataDir = Path.of(value(arg, rest));
                case "--port-base" -> portBase = number(arg, value(arg, rest));
                case "--celebrity-threshold" -> celebrityThreshold = number(arg, value(arg, rest));
                case "--no-first-model" -> firstModel = false;
                default -> throw new StackFailure("unknown option " + arg + "\n" + USAGE);
            }
        }
        StackPorts.fromBase(portBase); // validates
        if (celebrityThreshold < 1) {
            throw new StackFailure("--celebrity-threshold must be at least 1");
        }
        return new StackOptions(repoRoot.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(), fresh,
                portBase, celebrityThreshold, tty, firstModel);
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new StackFailure(option + " needs a value\n" + USAGE);
        }
        return rest.pop();
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StackFailure(option + " takes a number, was " + value);
        }
    }
}
