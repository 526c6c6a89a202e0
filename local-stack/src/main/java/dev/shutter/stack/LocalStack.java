package dev.shutter.stack;

import dev.shutter.events.redis.RedisStreamEventBus;
import dev.shutter.models.ModelRelease;
import dev.shutter.models.ModelStore;
import dev.shutter.stack.data.DataDirectory;
import dev.shutter.stack.gateway.Gateway;
import dev.shutter.stack.gateway.StackGateway;
import dev.shutter.stack.models.MlModels;
import dev.shutter.stack.models.ModelBootstrap;
import dev.shutter.stack.preflight.PortCheck;
import dev.shutter.stack.preflight.Tools;
import dev.shutter.stack.servers.LocalPostgres;
import dev.shutter.stack.servers.LocalRedis;
import dev.shutter.stack.services.ServiceCatalog;
import dev.shutter.processes.ServiceProcess;
import dev.shutter.stack.services.ServiceSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system on one machine: PostgreSQL and Redis on the data directory, the gateway, and
 * every service that has an app, started in that order and stopped in the reverse one.
 */
public final class LocalStack {

    /** Quarkus services on 2 busy cores, the first start included, are up well within this. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    static final int SEARCH_HEAP_MEGABYTES = 512;
    public static final String UP_LINE = "Shutter is up";
    /** The first release's training: its log is {@code logs/ml-bootstrap.log}. */
    static final String ML_BOOTSTRAP = "ml-bootstrap";

    private final StackOptions options;
    private final Console console;
    private final long startedAt = System.nanoTime();
    private DataDirectory data;
    private LocalPostgres postgres;
    private LocalRedis redis;
    private ServiceProcess search;
    private RedisStreamEventBus publisher;
    private Gateway gateway;
    private volatile ModelBootstrap firstModel;
    // Written by the starting thread, read by the stopping one (the shutdown hook).
    private final List<ServiceProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, ServiceSpec> specs = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopping;

    public LocalStack(StackOptions options, Console console) {
        this.options = options;
        this.console = console;
    }

    /** Starts everything and returns once every service reports ready. */
    public void start() {
        StackPorts ports = options.ports();
        data = DataDirectory.open(options.dataDir(), options.fresh());
        if (options.fresh()) {
            console.ok("data directory wiped: " + data.root());
        }
        PortCheck.requireFree(ports.all());
        Tools.missingToolNotes().forEach(console::note);

        boolean firstStart = !data.hasDatabase();
        long t = System.nanoTime();
        console.begin("PostgreSQL 17" + (firstStart ? " (first start: initialising the database)" : ""));
        postgres = LocalPostgres.start(data.postgres(), ports.postgres(), data.log("postgres"));
        postgres.ensureDatabase("shutter");
        console.ok("PostgreSQL 17 on 127.0.0.1:" + ports.postgres() + since(t));

        t = System.nanoTime();
        console.begin("Redis");
        redis = LocalRedis.start(data.redis(), ports.redis());
        console.ok("Redis on 127.0.0.1:" + ports.redis() + " (events on Redis Streams)" + since(t));

        t = System.nanoTime();
        console.begin("OpenSearch 3.5" + (firstStart ? " (first start: creating its data)" : ""));
        search = startSearch(ports);
        console.ok("OpenSearch 3.5 on 127.0.0.1:" + ports.search() + " (hashtag and user search)" + since(t));

        StackEnvironment env = new StackEnvironment(ports, data, postgres.reactiveUrl("shutter"),
                postgres.jdbcUrl("shutter"), redis.uri(), URI.create("http://localhost:" + ports.gateway()),
                options.celebrityThreshold());
        List<ServiceSpec> runnable = new ArrayList<>();
        for (ServiceSpec service : ServiceCatalog.services(env)) {
            if (service.hasApp(options.repoRoot())) {
                runnable.add(service);
            } else {
                console.note(service.name() + " has no app yet: not started, its routes answer 503");
            }
        }

        t = System.nanoTime();
        publisher = RedisStreamEventBus.create(redis.uri());
        try {
            gateway = StackGateway.start(env, runnable, publisher, List.of("*"));
        } catch (java.io.IOException e) {
            throw new StackFailure("the gateway could not start: " + e.getMessage(), e);
        }
        console.ok("gateway on " + env.publicUrl() + since(t));

        for (ServiceSpec service : runnable) {
            if (stopping) {
                return; // Ctrl-C while starting: the hook stops what is there
            }
            specs.put(service.name(), service);
            processes.add(start(service));
        }
        awaitReady();
        if (!stopping) {
            printSummary(env, runnable);
        }
        if (!stopping && options.firstModel()) {
            startFirstModel(env);
        }
    }

    /**
     * With the stack up (usable at once), trains and publishes a first release of the Explore
     * models in the background when the model store has none: ml-models' bootstrap as a child
     * process. Whatever becomes of it, the stack stays up.
     */
    private void startFirstModel(StackEnvironment env) {
        Optional<ModelRelease> release;
        Optional<MlModels> ml;
        try {
            release = ModelStore.local(env.modelStore()).latestComplete(ModelRelease.EXPLORE);
            ml = MlModels.built(options.repoRoot());
        } catch (java.io.IOException | RuntimeException e) {
            console.note("first model: the model store " + env.modelStore() + " could not be read (" + e.getMessage()
                    + "); no first model");
            return;
        }
        if (release.isPresent()) {
            console.ok("models: release " + release.get().version() + " in the model store");
            return;
        }
        if (ml.isEmpty()) {
            console.note("first model: the model store is empty and ml-models is not built (" + MlModels.MODULE + "/"
                    + MlModels.CLASSPATH_FILE + " is missing, or a jar it names): ./shutter build makes it");
            return;
        }
        try {
            firstModel = ModelBootstrap.start(ml.get().bootstrap(env.modelStore(), env.redisUri(), data.modelTraining()),
                    options.repoRoot(), data.log(ML_BOOTSTRAP), console);
            if (stopping) {
                // Ctrl-C came while it started: the stop may have looked for it before it existed.
                ModelBootstrap late = firstModel;
                quietly(() -> late.stop(STOP_GRACE));
            }
        } catch (RuntimeException e) {
            console.fail("first model: " + e.getMessage() + "; the stack stays up without one");
        }
    }

    /** Starts a service's built jar with the JDK running this launcher; its output goes to its log in the data directory. */
    private ServiceProcess start(ServiceSpec service) {
        java.nio.file.Path jar = service.jar(options.repoRoot());
        if (!java.nio.file.Files.exists(jar)) {
            throw new StackFailure(service.name() + " is not built (" + jar + " is missing): run ./shutter up, which"
                    + " builds it, or ./mvnw -pl " + service.module() + " -am package -DskipTests");
        }
        try {
            return ServiceProcess.startQuarkus(service.name(), jar, service.port(), service.heapMegabytes(), service.config(),
                    service.jvmArgs(), options.repoRoot(), data.log(service.name()));
        } catch (RuntimeException e) {
            throw new StackFailure("could not start " + service.name() + ": " + e.getMessage(), e);
        }
    }

    /** The search node (platform/search-node) in its own JVM, its indexes in the data directory. */
    private ServiceProcess startSearch(StackPorts ports) {
        java.nio.file.Path home = options.repoRoot().resolve("platform/search-node/target");
        try {
            return ServiceProcess.startSearchNode(home, data.search(), ports.search(), ports.searchTransport(),
                    SEARCH_HEAP_MEGABYTES, data.log("opensearch")).awaitReady(START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted while starting OpenSearch", e);
        } catch (RuntimeException e) {
            throw new StackFailure("OpenSearch did not start: " + e.getMessage() + " (its log: " + data.log("opensearch")
                    + ")", e);
        }
    }

    private void awaitReady() {
        Map<ServiceProcess, Long> pending = new LinkedHashMap<>();
        long t = System.nanoTime();
        processes.forEach(p -> pending.put(p, t));
        long deadline = t + START_TIMEOUT.toNanos();
        while (!pending.isEmpty() && !stopping) {
            for (ServiceProcess process : List.copyOf(pending.keySet())) {
                if (!process.isAlive() && !stopping) {
                    console.fail(process.name() + " exited with code " + process.exitValue() + " while starting;"
                            + " the end of its log (" + process.log() + "):");
                    console.say(process.logTail(25));
                    throw new StackFailure(process.name() + " did not start; its log is " + process.log());
                }
                if (process.isReady()) {
                    console.ok(process.name() + " on http://127.0.0.1:" + process.port() + since(pending.remove(process)));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StackFailure(String.join(", ", pending.keySet().stream().map(p -> p.name()).toList())
                        + " did not report healthy within " + START_TIMEOUT.toMinutes() + " min; see " + data.logs());
            }
            Map<String, Long> waiting = new LinkedHashMap<>();
            pending.forEach((p, started) -> waiting.put(p.name(), (System.nanoTime() - started) / 1_000_000_000));
            console.waiting(waiting);
            sleep(Duration.ofMillis(300));
        }
    }

    private void printSummary(StackEnvironment env, List<ServiceSpec> runnable) {
        StackPorts ports = env.ports();
        console.say("");
        console.say(UP_LINE + " (" + (System.nanoTime() - startedAt) / 1_000_000_000 + " s). Ctrl-C stops everything.");
        console.say("  API (gateway)    " + env.publicUrl() + "/v1/...    e.g. curl -X POST " + env.publicUrl()
                + "/v1/accounts -H 'Content-Type: application/json' -d '{...}'");
        console.say("  uploads, media   " + env.blobsBaseUrl() + "/{bucket}/... (signed), " + env.mediaBaseUrl() + "/...");
        for (ServiceSpec service : runnable) {
            console.say("  %-16s http://127.0.0.1:%d/q/health   log %s".formatted(service.name(), service.port(),
                    data.log(service.name())));
        }
        console.say("  PostgreSQL       postgresql://" + LocalPostgres.USER + ":" + LocalPostgres.PASSWORD + "@127.0.0.1:"
                + ports.postgres() + "/shutter");
        console.say("  Redis            " + env.redisUri());
        console.say("  OpenSearch       http://" + env.searchHosts() + "   log " + data.log("opensearch"));
        console.say("  models           " + env.modelStore() + "   (ml-models/run publish --store it)");
        console.say("  data             " + data.root() + "   (./shutter up --fresh wipes it)");
    }

    /** Blocks while the stack runs, telling the user when a service dies. */
    public void watch() {
        Map<String, Restarts> restarts = new LinkedHashMap<>();
        while (!stopping) {
            for (ServiceProcess process : processes) {
                if (!process.isAlive() && !stopping) {
                    restart(process, restarts.computeIfAbsent(process.name(), name -> new Restarts()));
                }
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    /** When a service last died and how long to wait before starting it again: 1 s, doubling to 30 s, reset by a minute up. */
    private static final class Restarts {
        long lastNanos;
        Duration wait = Duration.ofSeconds(1);
        long dueNanos;
        boolean announced;
    }

    /**
     * A service that dies is started again, as Cloud Run would: its events wait in their streams,
     * its requests get the gateway's 503 meanwhile. Quick repeated deaths back off.
     */
    private void restart(ServiceProcess dead, Restarts restarts) {
        long now = System.nanoTime();
        if (!restarts.announced) {
            restarts.announced = true;
            if (now - restarts.lastNanos > Duration.ofMinutes(1).toNanos()) {
                restarts.wait = Duration.ofSeconds(1);
            }
            restarts.dueNanos = now + restarts.wait.toNanos();
            console.fail(dead.name() + " exited with code " + dead.exitValue() + "; starting it again in " + restarts.wait.toSeconds()
                    + " s (its log: " + dead.log() + ")");
        }
        if (now - restarts.dueNanos < 0) {
            return;
        }
        try {
            ServiceProcess again = start(specs.get(dead.name()));
            processes.set(processes.indexOf(dead), again);
            if (stopping) {
                quietly(() -> again.stop(STOP_GRACE)); // the stop began while it started
                return;
            }
            restarts.lastNanos = System.nanoTime();
            restarts.wait = restarts.wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                    : restarts.wait.multipliedBy(2);
            restarts.announced = false;
            Thread.ofVirtual().start(() -> {
                try {
                    again.awaitReady(START_TIMEOUT);
                    console.ok(again.name() + " started again on http://127.0.0.1:" + again.port());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    console.fail(again.name() + " did not come back: " + e.getMessage());
                }
            });
        } catch (StackFailure e) {
            console.fail(e.getMessage());
            restarts.announced = false;
        }
    }

    /** Stops what was started, in reverse order; safe to call at any point of {@link #start()}, and twice. */
    public synchronized void stop() {
        if (stopping && data == null) {
            return;
        }
        stopping = true;
        boolean running = gateway != null || !processes.isEmpty() || postgres != null || redis != null || search != null;
        if (running) {
            console.say("");
            console.begin("stopping");
        }
        if (firstModel != null) {
            // First: it publishes through Redis. A release it leaves half written is never served.
            ModelBootstrap bootstrap = firstModel;
            quietly(() -> bootstrap.stop(STOP_GRACE));
            firstModel = null;
        }
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        // In parallel: each service drains its own work; none depends on another to stop.
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : processes) {
            stoppers.add(Thread.ofVirtual().start(() -> {
                try {
                    process.stop(STOP_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!processes.isEmpty()) {
            console.ok("services stopped");
        }
        processes.clear();
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
        if (search != null) {
            ServiceProcess node = search;
            quietly(() -> node.stop(STOP_GRACE));
            search = null;
            console.ok("OpenSearch stopped (data kept)");
        }
        if (redis != null) {
            quietly(redis::close);
            redis = null;
            console.ok("Redis stopped (data kept)");
        }
        if (postgres != null) {
            quietly(postgres::close);
            postgres = null;
            console.ok("PostgreSQL stopped (data kept)");
        }
        if (data != null) {
            data.close();
            data = null;
        }
        if (running) {
            console.say("Shutter stopped.");
        }
    }

    private interface Closing {
        void close() throws Exception;
    }

    private void quietly(Closing closing) {
        try {
            closing.close();
        } catch (Exception e) {
            console.note("while stopping: " + e.getMessage());
        }
    }

    private static String since(long startNanos) {
        return " (%.1f s)".formatted((System.nanoTime() - startNanos) / 1e9);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
