package dev.shutter.bench.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code bench/run chaos}: the local stack as real processes ({@code ./shutter up}), a seeded
 * network, the load generator's mix at a steady rate, and one fault at a time in the middle of a
 * phase ({@link Fault}). After each phase, once the system has recovered, the generator's own
 * ledger is held against what the system shows ({@link LedgerCheck}): every accepted post ready
 * or failed, every post reaching a follower's feed, likes and follower counts equal to the
 * ledger's, no dead letter, and no 5xx but 503 at any time. Prints a table per fault and writes it
 * as JSON; exit code 1 when anything was lost or answered 5xx.
 *
 * <p>{@code --short} (what {@code .ci/run} runs): a smaller network, shorter phases, three faults.
 */
public final class ChaosRun {

    static final String USAGE = """
            usage: bench/run chaos [--short] [--faults kill-media-worker,kill-post-service,stop-redis,stop-postgres,replay-events,stop-search]
                                   [--phase 60s] [--fault-duration 20s] [--rate 10] [--users 30] [--out bench/target/chaos]""";

    private record Options(List<Fault> faults, Duration phase, Duration faultDuration, double rate, int users, Path out) {}

    private ChaosRun() {}

    public static int run(List<String> args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            return drive(options);
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static int drive(Options options) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("shutter-chaos-");
        int base = freePortBase();
        System.out.printf("chaos: starting the stack on port %d (log %s)%n", base, work.resolve("stack.log"));
        ProgressLine progress = new ProgressLine(System.out);
        List<ObjectNode> rows = new ArrayList<>();
        boolean passed = true;
        try (StackUnderTest stack = StackUnderTest.start(root, work, base, 10)) {
            String runStart = Fault.now();
            LoadOptions load = LoadOptions.parse(List.of("--target", stack.gateway().toString(), "--users",
                    Integer.toString(options.users()), "--celebrities", "1", "--celebrity-threshold", "10", "--posts-per-user", "1",
                    "--rate", Double.toString(options.rate()), "--duration", options.phase().toSeconds() + "s", "--smoke"));
            Random random = new Random(load.seed());
            Measurements seeding = new Measurements();
            ApiClient api = new ApiClient(stack.gateway(), seeding);
            Sessions sessions = new Sessions(api);
            PhotoPoster poster = new PhotoPoster(api, sessions, new PhotoPool(12, 640, 480, random));
            Network network = new NetworkSeeder(api, sessions, poster, load, progress).seed(random);
            System.out.printf("chaos: seeded %d users, %d follows, %d posts%n", network.accounts.size(), network.follows,
                    network.readyPosts.size());
            LedgerCheck check = new LedgerCheck(api, sessions, network, stack);
            for (Fault fault : options.faults()) {
                ObjectNode row = phase(fault, options, load, stack, api, sessions, poster, network, check, random, runStart, progress);
                rows.add(row);
                passed &= row.path("lost").asLong() == 0 && row.path("serverErrors").asLong() == 0;
            }
        }
        ObjectNode report = ApiClient.JSON.createObjectNode();
        ArrayNode faults = report.putArray("faults");
        rows.forEach(faults::add);
        report.put("passed", passed);
        print(rows);
        Files.createDirectories(options.out());
        Path json = options.out().resolve("chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
        System.out.println("Report: " + json + "\nstack log and service logs: " + work);
        System.out.println(passed ? "CHAOS PASSED" : "CHAOS FAILED");
        return passed ? 0 : 1;
    }

    private static ObjectNode phase(Fault fault, Options options, LoadOptions load, StackUnderTest stack, ApiClient api,
            Sessions sessions, PhotoPoster poster, Network network, LedgerCheck check, Random random, String runStart,
            ProgressLine progress) throws Exception {
        System.out.printf("%nchaos: %s — %s, %d s into a %d s phase at %.0f ops/s%n", fault.label(), fault.description,
                options.phase().toSeconds() / 4, options.phase().toSeconds(), options.rate());
        Measurements during = new Measurements();
        api.measureInto(during);
        FeedVisibility visibility = new FeedVisibility(api, sessions, Duration.ofSeconds(120), 0, network.readyPosts::add, true);
        MixedLoad mix = new MixedLoad(api, sessions, poster, visibility, network, load, progress);
        double[] recovery = new double[1];
        Exception[] failed = new Exception[1];
        // The fault a quarter into the phase; from its end (a killed service: at once), how long until a signed-in read works.
        Thread injector = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(options.phase().dividedBy(4));
                fault.inject(stack, options.faultDuration(), runStart);
                recovery[0] = check.awaitRecovered(System.nanoTime());
            } catch (Exception e) {
                failed[0] = e;
            }
        });
        mix.run(random);
        injector.join();
        if (failed[0] != null) {
            throw new IllegalStateException(fault.label() + ": " + failed[0].getMessage(), failed[0]);
        }
        progress.show("chaos: waiting for the phase's posts to reach a follower's feed");
        visibility.finish();
        LedgerCheck.Result result = check.run(visibility);
        ObjectNode row = ApiClient.JSON.createObjectNode();
        row.put("fault", fault.label());
        row.put("requests", during.requests());
        ObjectNode statuses = row.putObject("statuses");
        during.endpoints().values().forEach(endpoint -> endpoint.statuses().forEach((status, count) ->
                statuses.put(Integer.toString(status), statuses.path(Integer.toString(status)).asLong() + count)));
        long serverErrors = during.endpoints().values().stream().flatMap(e -> e.statuses().entrySet().stream())
                .filter(e -> e.getKey() >= 500 && e.getKey() != 503).mapToLong(Map.Entry::getValue).sum();
        row.put("serverErrors", serverErrors);
        row.put("recoverySeconds", Math.round(recovery[0] * 10) / 10.0);
        row.set("lostByCheck", result.json());
        row.put("lost", result.lost());
        return row;
    }

    private static void print(List<ObjectNode> rows) {
        System.out.printf("%n%-18s %8s %-38s %10s %9s %6s%n", "fault", "requests", "answers by status (the phase)", "5xx (≠503)",
                "recover s",
                "lost");
        for (ObjectNode row : rows) {
            StringBuilder statuses = new StringBuilder();
            row.path("statuses").fields().forEachRemaining(e -> statuses.append(e.getKey()).append('×').append(e.getValue().asLong())
                    .append(' '));
            System.out.printf("%-18s %8d %-38s %10d %9.1f %6d%n", row.path("fault").asText(), row.path("requests").asLong(),
                    statuses.toString().strip(), row.path("serverErrors").asLong(), row.path("recoverySeconds").asDouble(),
                    row.path("lost").asLong());
            System.out.println("    lost by check: " + row.path("lostByCheck"));
        }
        System.out.println("target: 0 lost and 0 5xx (503 allowed while a dependency is down) for every fault");
    }

    private static Options parse(List<String> args) {
        List<Fault> faults = Arrays.asList(Fault.values());
        Duration phase = Duration.ofSeconds(60);
        Duration faultDuration = Duration.ofSeconds(20);
        double rate = 10;
        int users = 30;
        Path out = Path.of("bench/target/chaos");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--short" -> {
                    faults = List.of(Fault.KILL_POST_SERVICE, Fault.STOP_REDIS, Fault.REPLAY_EVENTS);
                    phase = Duration.ofSeconds(40);
                    faultDuration = Duration.ofSeconds(10);
                    users = 20;
                }
                case "--faults" -> faults = Arrays.stream(value(args, ++i).split(",")).map(Fault::of).toList();
                case "--phase" -> phase = LoadOptions.duration(value(args, ++i));
                case "--fault-duration" -> faultDuration = LoadOptions.duration(value(args, ++i));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i));
                case "--users" -> users = Integer.parseInt(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        return new Options(faults, phase, faultDuration, rate, users, out);
    }

    private static String value(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("a value is missing\n" + USAGE);
        }
        return args.get(index);
    }

    /** A base whose nine ports are free (as .ci/smoke picks one). */
    private static int freePortBase() throws IOException {
        for (int candidate = 36080; candidate < 60000; candidate += 1000) {
            boolean free = true;
            for (int offset = 0; offset < 9 && free; offset++) {
                try (ServerSocket socket = new ServerSocket(candidate + offset)) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return candidate;
            }
        }
        throw new IOException("no free port base");
    }
}
