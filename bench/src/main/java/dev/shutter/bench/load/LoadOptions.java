package dev.shutter.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the load generator is asked to do.
 *
 * @param target the gateway, e.g. {@code http://localhost:8080}
 * @param users accounts to seed
 * @param celebrities accounts given more followers than the threshold
 * @param celebrityThreshold the stack's threshold ({@code ./shutter up --celebrity-threshold})
 * @param postsPerUser photo posts each seeded account starts with
 * @param rate operations per second to hold while driving
 * @param duration how long to drive
 * @param mix shares of the operations
 * @param out where the JSON report and the PNG chart go
 * @param smoke CI mode: fail on any 5xx, or on a posted photo that does not appear in a
 *     follower's feed; every post's visibility is tracked
 * @param seenVia where a follower looks for a new post: {@code feed} (the first feed page), or
 *     {@code post} ({@code GET /v1/posts/{id}}, for a stack without feed-service)
 */
public record LoadOptions(URI target, int users, int celebrities, int celebrityThreshold, int postsPerUser,
        double rate, Duration duration, Mix mix, Path out, boolean smoke, long seed, String seenVia) {

    public static final String USAGE = """
            usage: bench/run load [--target URL] [--users N] [--celebrities K] [--celebrity-threshold T]
                                  [--posts-per-user P] [--rate OPS_PER_S] [--duration 60s|5m]
                                  [--mix feed=80,like=10,post=5,follow=5] [--out DIR] [--seed N] [--smoke]
                                  [--seen-via feed|post]""";

    /** Shares of the operation kinds while driving. */
    public record Mix(int feed, int like, int post, int follow) {
        public int total() {
            return feed + like + post + follow;
        }

        static Mix parse(String spec) {
            int feed = 0, like = 0, post = 0, follow = 0;
            for (String part : spec.split(",")) {
                String[] kv = part.strip().split("=");
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--mix takes kind=weight pairs, was " + spec);
                }
                int weight = Integer.parseInt(kv[1].strip());
                switch (kv[0].strip()) {
                    case "feed" -> feed = weight;
                    case "like" -> like = weight;
                    case "post" -> post = weight;
                    case "follow" -> follow = weight;
                    default -> throw new IllegalArgumentException("unknown kind in --mix: " + kv[0]);
                }
            }
            Mix mix = new Mix(feed, like, post, follow);
            if (mix.total() <= 0) {
                throw new IllegalArgumentException("--mix needs a positive weight");
            }
            return mix;
        }

        @Override
        public String toString() {
            return "feed=" + feed + ",like=" + like + ",post=" + post + ",follow=" + follow;
        }
    }

    public static LoadOptions parse(List<String> args) {
        URI target = URI.create("http://localhost:8080");
        int users = 200;
        int celebrities = 3;
        int threshold = 100;
        int postsPerUser = 1;
        double rate = 50;
        Duration duration = Duration.ofMinutes(2);
        Mix mix = new Mix(80, 10, 5, 5);
        Path out = Path.of("bench/target/load");
        boolean smoke = false;
        long seed = 42;
        String seenVia = "feed";
        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--target" -> target = URI.create(value(arg, rest));
                case "--users" -> users = Integer.parseInt(value(arg, rest));
                case "--celebrities" -> celebrities = Integer.parseInt(value(arg, rest));
                case "--celebrity-threshold" -> threshold = Integer.parseInt(value(arg, rest));
                case "--posts-per-user" -> postsPerUser = Integer.parseInt(value(arg, rest));
                case "--rate" -> rate = Double.parseDouble(value(arg, rest));
                case "--duration" -> duration = duration(value(arg, rest));
                case "--mix" -> mix = Mix.parse(value(arg, rest));
                case "--out" -> out = Path.of(value(arg, rest));
                case "--seed" -> seed = Long.parseLong(value(arg, rest));
                case "--smoke" -> smoke = true;
                case "--seen-via" -> seenVia = value(arg, rest);
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (users < 2) {
            throw new IllegalArgumentException("--users must be at least 2");
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (!seenVia.equals("feed") && !seenVia.equals("post")) {
            throw new IllegalArgumentException("--seen-via takes feed or post, was " + seenVia);
        }
        return new LoadOptions(target, users, celebrities, threshold, postsPerUser, rate, duration, mix, out, smoke, seed,
                seenVia);
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(Long.parseLong(t));
        };
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.pop();
    }
}
