package dev.shutter.stack.models;

import dev.shutter.processes.ServiceProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ml-models as the launcher runs it: its compiled classes and the runtime classpath its build
 * writes ({@code ml-models/target/runtime-classpath.txt}, the paths of its dependency jars; the
 * platform libraries' are their jars in their modules' {@code target/}), started with plain
 * {@code java -cp} on the launcher's JDK.
 *
 * @param classpath the entries, every one present
 */
public record MlModels(List<Path> classpath) {

    public static final String MODULE = "ml-models";
    public static final String CLASSPATH_FILE = "target/runtime-classpath.txt";
    static final String MAIN = "dev.shutter.ml.cli.MlCommand";
    /** Heap of a training run on the small synthetic dataset (the tensors themselves live off-heap in libtorch). */
    static final int HEAP_MEGABYTES = 1024;
    private static final Path NICE = Path.of("/usr/bin/nice");

    public MlModels {
        classpath = List.copyOf(classpath);
    }

    /** The built module under {@code repoRoot}; empty when it is not built, or a jar it names has gone (a clean). */
    public static Optional<MlModels> built(Path repoRoot) throws IOException {
        Path module = repoRoot.resolve(MODULE);
        Path classes = module.resolve("target/classes");
        Path file = module.resolve(CLASSPATH_FILE);
        if (!Files.isDirectory(classes) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<Path> entries = new ArrayList<>();
        entries.add(classes);
        for (String entry : Files.readString(file).strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries.stream().allMatch(Files::exists) ? Optional.of(new MlModels(entries)) : Optional.empty();
    }

    /**
     * {@code bootstrap --store DIR --events URI --work DIR}: trains and publishes a first release
     * when the store has none. Niced where {@code nice} exists, so that on a small machine the
     * running stack keeps answering while the models train.
     */
    public List<String> bootstrap(Path store, String redisUri, Path work) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            command.addAll(List.of(NICE.toString(), "-n", "10"));
        }
        command.addAll(List.of(ServiceProcess.currentJava(), "-Xmx" + HEAP_MEGABYTES + "m",
                // ONNX Runtime and libtorch are JNI libraries; protobuf still uses sun.misc.Unsafe.
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Djava.awt.headless=true",
                "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                MAIN, "bootstrap", "--store", store.toString(), "--events", redisUri, "--work", work.toString()));
        return command;
    }
}
