package dev.shutter.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * {@code ./shutter up}: the entry point the root script runs once the jars are built. Problems
 * the user must fix end as one line on stderr and exit code 1; Ctrl-C (or SIGTERM) stops the
 * stack in order and exits 0.
 */
public final class ShutterCommand {

    private ShutterCommand() {}

    public static void main(String[] args) {
        quietLibraries();
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.getFirst().equals("search-rebuild")) {
            System.exit(operatorCommand(arguments.subList(1, arguments.size()), (options, rest) -> SearchRebuildCommand.run(options)));
        }
        if (!arguments.isEmpty() && arguments.getFirst().equals("replay-dead-letters")) {
            System.exit(operatorCommand(arguments.subList(1, arguments.size()), DeadLetterReplayCommand::run));
        }
        if (arguments.isEmpty() || !arguments.getFirst().equals("up")) {
            System.err.println(StackOptions.USAGE);
            System.exit(2);
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(StackOptions.USAGE);
            return;
        }
        Console console = new Console(System.out, Boolean.getBoolean("shutter.tty"));
        LocalStack stack;
        try {
            StackOptions options = StackOptions.parse(arguments.subList(1, arguments.size()),
                    Path.of(System.getProperty("shutter.root", ".")), System.getenv("SHUTTER_DATA_DIR"),
                    Boolean.getBoolean("shutter.tty"));
            stack = new LocalStack(options, console);
        } catch (StackFailure e) {
            System.err.println("shutter: " + e.getMessage());
            System.exit(1);
            return;
        }
        LocalStack running = stack;
        Thread hook = new Thread(running::stop, "shutter-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start();
        } catch (StackFailure e) {
            System.err.println("shutter: " + e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            stack.stop();
            System.exit(1);
        } catch (RuntimeException e) {
            e.printStackTrace();
            Runtime.getRuntime().removeShutdownHook(hook);
            stack.stop();
            System.exit(1);
        }
        stack.watch();
    }

    private interface OperatorCommand {
        int run(StackOptions options, List<String> targets) throws java.io.IOException, InterruptedException;
    }

    /** A command on a running stack: the stack's options (--port-base, --data-dir) first, then its own arguments. */
    private static int operatorCommand(List<String> arguments, OperatorCommand command) {
        List<String> stackOptions = new java.util.ArrayList<>();
        List<String> targets = new java.util.ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (List.of("--data-dir", "--port-base", "--celebrity-threshold").contains(argument) && i + 1 < arguments.size()) {
                stackOptions.add(argument);
                stackOptions.add(arguments.get(++i));
            } else if (argument.startsWith("--")) {
                stackOptions.add(argument);
            } else {
                targets.add(argument);
            }
        }
        try {
            StackOptions options = StackOptions.parse(stackOptions, Path.of(System.getProperty("shutter.root", ".")),
                    System.getenv("SHUTTER_DATA_DIR"), false);
            return command.run(options, targets);
        } catch (StackFailure e) {
            System.err.println("shutter: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            System.err.println("shutter: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The libraries' own INFO chatter (zonky, Vert.x) would drown the progress lines; their logs go to files. */
    private static void quietLibraries() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
        handler.setLevel(Level.WARNING);
        root.addHandler(handler);
    }
}
