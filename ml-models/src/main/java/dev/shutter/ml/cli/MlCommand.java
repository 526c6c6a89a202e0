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
 * The ML engineers' commands. {@code generate --out DIR [--seed N] [--size small|standard]
 * [--users N] [--posts N] [--topics N] [--days N] [--interactions N] [--noise X]} writes a
 * synthetic dataset (see the module README).
 */
public final class MlCommand {

    private MlCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("generate")) {
            System.err.println("usage: generate --out DIR [--seed N] [--size small|standard] [--users N] [--posts N]"
                    + " [--topics N] [--days N] [--interactions N] [--noise X]");
            System.exit(2);
        }
        Map<String, String> options = options(List.of(args).subList(1, args.length));
        String out = options.remove("out");
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
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

    static SyntheticSpec spec(Map<String, String> options) {
        Map<String, String> left = new HashMap<>(options);
        long seed = Long.parseLong(left.getOrDefault("seed", "42"));
        left.remove("seed");
        String size = left.getOrDefault("size", "standard");
        left.remove("size");
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

    private static String take(Map<String, String> options, String name, String fallback) {
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
