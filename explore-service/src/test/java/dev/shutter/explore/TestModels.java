package dev.shutter.explore;

import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.testsupport.TestRedis;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Models made by ml-models' own code, as an ML engineer makes them: its {@code generate},
 * {@code train --size quick} and {@code publish} commands, run from its build
 * ({@code ml-models/target/classes} and the classpath file its build writes) in child processes.
 * The first release is published before the application starts; {@link #train} makes more.
 */
public final class TestModels {

    private static final String WORK = "shutter.test.explore.models-work";

    private TestModels() {}

    /** The model store the application reads, with its first release published. */
    public static Path store() {
        return work().resolve("store");
    }

    public static Path work() {
        synchronized (System.class) {
            String known = System.getProperty(WORK);
            if (known != null) {
                return Path.of(known);
            }
            try {
                Path work = Files.createTempDirectory("explore-test-models-");
                System.setProperty(WORK, work.toString());
                ml("generate", "--out", work.resolve("data").toString(), "--size", "small", "--seed", "7");
                Path first = train(1);
                publish(first, false);
                return work;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Trains a release (the seed makes it differ) into its own directory; not published yet. */
    public static Path train(int seed) {
        Path out = Path.of(System.getProperty(WORK)).resolve("trained-" + seed);
        ml("train", "--data", Path.of(System.getProperty(WORK)).resolve("data").toString(), "--out", out.toString(),
                "--size", "quick", "--seed", Integer.toString(seed));
        return out;
    }

    /** Publishes a trained directory; with {@code announce}, model.published goes out on the test Redis. */
    public static void publish(Path trained, boolean announce) {
        List<String> args = new ArrayList<>(List.of("publish", "--model", trained.toString(), "--store", store().toString(),
                "--force", "true"));
        if (announce) {
            args.addAll(List.of("--events", TestRedis.shared().uri()));
        }
        ml(args.toArray(String[]::new));
    }

    public static ModelRelease latest() {
        try {
            return ModelStore.local(store()).latestComplete(ModelRelease.EXPLORE).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ml(String... args) {
        Path module = Path.of(System.getProperty("shutter.mlModels.dir", "../ml-models"));
        List<String> classpath = new ArrayList<>();
        classpath.add(module.resolve("target/classes").toString());
        try {
            classpath.add(Files.readString(module.resolve("target/runtime-classpath.txt")).strip());
        } catch (IOException e) {
            throw new IllegalStateException("ml-models is not built (no target/runtime-classpath.txt): build it first", e);
        }
        List<String> command = new ArrayList<>(List.of(ServiceProcess.currentJava(), "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=true",
                "-cp", String.join(File.pathSeparator, classpath), "dev.shutter.ml.cli.MlCommand"));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("ml-models-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("ml-models " + args[0] + " did not finish in 5 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ml-models " + String.join(" ", args) + " failed (" + process.exitValue()
                        + "):\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
