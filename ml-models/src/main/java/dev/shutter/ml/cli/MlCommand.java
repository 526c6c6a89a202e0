package dev.shutter.ml.cli;

import dev.shutter.ml.dataset.Dataset;
import dev.shutter.ml.dataset.DatasetFiles;
import dev.shutter.ml.synthetic.SyntheticSpec;
import dev.shutter.ml.synthetic.SyntheticWorld;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ML engineers' commands (see the module README): {@code generate} writes a synthetic dataset,
 * {@code export} one of Shutter's own interactions, read from post-service's store.
 */
public final class MlCommand {

    private MlCommand() {}

    /** The local stack's store (./shutter up, default ports); SHUTTER_DB_PASSWORD overrides the password. */
    static final String LOCAL_JDBC = "jdbc:postgresql://127.0.0.1:8085/shutter";

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException | dev.shutter.models.ModelRefusedException e) {
            // A refusal or a wrong option is the user's to fix: the message, not a stack trace.
            System.err.println("refused: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        if (!java.util.Set.of("generate", "export", "train", "evaluate", "publish", "bootstrap").contains(command)) {
            System.err.println("""
                    usage: generate --out DIR [--seed N] [--size small|standard] [--users N] [--posts N] [--topics N] \
                               [--days N] [--interactions N] [--noise X]
                           export --out DIR [--jdbc URL] [--user NAME] [--from ISO-INSTANT] [--to ISO-INSTANT]
                           train --data DIR --out DIR [--size quick|standard] [--epochs N] [--dimension N] [--seed N]
                           evaluate --model DIR --data DIR [--out FILE] [--users N] [--seed N]
                           publish --model DIR --store DIR [--events redis://HOST:PORT] [--force true]
                           bootstrap --store DIR [--events URI] [--work DIR]""");
            System.exit(2);
        }
        Map<String, String> options = options(List.of(args).subList(1, args.length));
        if (command.equals("train")) {
            TrainCommand.run(options);
            return;
        }
        if (command.equals("evaluate")) {
            EvaluateCommand.run(options);
            return;
        }
        if (command.equals("publish")) {
            PublishCommand.run(options);
            return;
        }
        if (command.equals("bootstrap")) {
            BootstrapCommand.run(options);
            return;
        }
        String out = options.remove("out");
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        if (command.equals("export")) {
            export(options, Path.of(out));
            return;
        }
        SyntheticSpec spec = spec(options);
        long started = System.nanoTime();
        System.out.printf("generating: %s%n", spec);
        Dataset dataset = SyntheticWorld.generate(spec).dataset();
        String fingerprint = DatasetFiles.write(dataset, Path.of(out));
        System.out.printf("wrote %s: %,d items, %,d interactions, %,d follows in %.1f s (%s)%n", out,
                dataset.items().size(), dataset.interactions().size(), dataset.follows().size(),
                (System.nanoTime() - started) / 1e9, fingerprint);
    }

    private static void export(Map<String, String> options, Path out) throws Exception {
        Map<String, String> left = new HashMap<>(options);
        String jdbc = take(left, "jdbc", LOCAL_JDBC);
        String user = take(left, "user", "postgres");
        java.time.Instant from = java.time.Instant.parse(take(left, "from", "1970-01-01T00:00:00Z"));
        java.time.Instant to = java.time.Instant.parse(take(left, "to", java.time.Instant.now().toString()));
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + left.keySet());
        }
        String password = System.getenv().getOrDefault("SHUTTER_DB_PASSWORD", "postgres");
        long started = System.nanoTime();
        System.out.printf("exporting from %s, interactions in [%s, %s)%n", jdbc, from, to);
        Dataset dataset;
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbc, user, password)) {
            dataset = dev.shutter.ml.export.StoreExport.export(connection, from, to);
        }
        String fingerprint = DatasetFiles.write(dataset, out);
        System.out.printf("wrote %s: %,d items, %,d interactions, %,d follows in %.1f s (%s)%n", out,
                dataset.items().size(), dataset.interactions().size(), dataset.follows().size(),
                (System.nanoTime() - started) / 1e9, fingerprint);
    }

    static SyntheticSpec spec(Map<String, String> options) {
        Map<String, String> left = new HashMap<>(options);
        long seed = Long.parseLong(take(left, "seed", "42"));
        String size = take(left, "size", "standard");
        SyntheticSpec base = switch (size) {
            case "small" -> SyntheticSpec.small(seed);
            case "standard" -> SyntheticSpec.standard(seed);
            default -> throw new IllegalArgumentException("--size must be small or standard, not " + size);
        };
        SyntheticSpec spec = new SyntheticSpec(seed,
                intOption(left, "users", base.users()), intOption(left, "posts", base.posts()),
                intOption(left, "topics", base.topics()), intOption(left, "days", base.days()),
                Double.parseDouble(take(left, "interactions", Double.toString(base.meanInteractionsPerUser()))),
                Double.parseDouble(take(left, "noise", Double.toString(base.noise()))));
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + left.keySet());
        }
        return spec;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(take(options, name, Integer.toString(fallback)));
    }

    static String required(Map<String, String> options, String name) {
        String value = options.remove(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static String take(Map<String, String> options, String name, String fallback) {
        String value = options.remove(name);
        return value == null ? fallback : value;
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value, got " + String.join(" ", args.subList(i, args.size())));
            }
            options.put(name.substring(2), args.get(i + 1));
        }
        return options;
    }
}
