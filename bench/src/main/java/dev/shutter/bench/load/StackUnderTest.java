package dev.shutter.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack as its user runs it: {@code ./shutter up} as a child process on a fresh data
 * directory and a port base of its own, stopped with SIGTERM. Its processes are found by the
 * ports they listen on (the stack derives every port from the base), so that a fault can be
 * aimed at one of them.
 */
final class StackUnderTest implements AutoCloseable {

    /** Port offsets from the base, as local-stack's StackPorts lays them out. */
    enum Part {
        GATEWAY(0), POST_SERVICE(1), MEDIA_WORKER(2), FEED_SERVICE(3), EXPLORE_SERVICE(4), POSTGRES(5), REDIS(6), SEARCH(7);

        final int offset;

        Part(int offset) {
            this.offset = offset;
        }
    }

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final Process launcher;
    private final int base;
    private final Path log;

    private StackUnderTest(Process launcher, int base, Path log) {
        this.launcher = launcher;
        this.base = base;
        this.log = log;
    }

    static StackUnderTest start(Path root, Path work, int base, int celebrityThreshold) throws IOException, InterruptedException {
        Path log = work.resolve("stack.log");
        Process launcher = new ProcessBuilder(root.resolve("shutter").toString(), "up", "--no-first-model", "--fresh",
                "--data-dir", work.resolve("data").toString(), "--port-base", Integer.toString(base),
                "--celebrity-threshold", Integer.toString(celebrityThreshold))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        StackUnderTest stack = new StackUnderTest(launcher, base, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (!Files.readString(log).contains("Shutter is up")) {
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                stack.close();
                throw new IllegalStateException("the stack did not start; its output:\n" + Files.readString(log));
            }
            Thread.sleep(1000);
        }
        return stack;
    }

    URI gateway() {
        return URI.create("http://localhost:" + base);
    }

    int port(Part part) {
        return base + part.offset;
    }

    Path log() {
        return log;
    }

    Path dataDir() {
        return log.getParent().resolve("data");
    }

    /** The process listening on the part's port, if one does. */
    Optional<ProcessHandle> process(Part part) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port(part)).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes());
        ss.waitFor();
        Matcher pid = PID.matcher(out);
        return pid.find() ? ProcessHandle.of(Long.parseLong(pid.group(1))) : Optional.empty();
    }

    /** The process and every process it started (PostgreSQL's backends, say). */
    List<ProcessHandle> processTree(Part part) throws IOException, InterruptedException {
        ProcessHandle root = process(part).orElseThrow(() -> new IllegalStateException("nothing listens for " + part));
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants()).toList();
    }

    static void signal(List<ProcessHandle> processes, String signal) throws IOException, InterruptedException {
        for (ProcessHandle process : processes) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (launcher.isAlive()) {
            launcher.toHandle().destroy(); // SIGTERM: the launcher stops everything in order
            if (!launcher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
    }
}
