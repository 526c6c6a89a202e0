package dev.shutter.bench.load;

import dev.shutter.bench.load.StackUnderTest.Part;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One fault of the chaos run, injected into the running stack and healed after its duration.
 * Killed services are started again by the stack itself (as Cloud Run would); a stopped server
 * is frozen (SIGSTOP) for the duration, its connections hanging as a server that does not answer,
 * then resumed (SIGCONT).
 */
enum Fault {
    KILL_MEDIA_WORKER("kill -9 media-worker while it processes uploads; the stack restarts it"),
    KILL_POST_SERVICE("kill -9 post-service with events in its outbox; the stack restarts it"),
    STOP_REDIS("Redis frozen, then resumed"),
    STOP_POSTGRES("PostgreSQL (every backend) frozen, then resumed"),
    REPLAY_EVENTS("every event of the run so far delivered again: each stream's entries since the run began appended once more"),
    STOP_SEARCH("the search node frozen, then resumed");

    final String description;

    Fault(String description) {
        this.description = description;
    }

    String label() {
        return name().toLowerCase().replace('_', '-');
    }

    static Fault of(String label) {
        return valueOf(label.toUpperCase().replace('-', '_'));
    }

    /** Injects the fault, waits {@code duration} (where it lasts), heals it. */
    void inject(StackUnderTest stack, Duration duration, String runStartId) throws Exception {
        switch (this) {
            case KILL_MEDIA_WORKER -> kill(stack, Part.MEDIA_WORKER);
            case KILL_POST_SERVICE -> kill(stack, Part.POST_SERVICE);
            case STOP_REDIS -> freeze(stack, Part.REDIS, duration);
            case STOP_POSTGRES -> freeze(stack, Part.POSTGRES, duration);
            case STOP_SEARCH -> freeze(stack, Part.SEARCH, duration);
            case REPLAY_EVENTS -> replay(stack, runStartId);
        }
    }

    private static void kill(StackUnderTest stack, Part part) throws Exception {
        StackUnderTest.signal(List.of(stack.process(part).orElseThrow(() -> new IllegalStateException(part + " is not running"))),
                "KILL");
    }

    private static void freeze(StackUnderTest stack, Part part, Duration duration) throws Exception {
        List<ProcessHandle> tree = stack.processTree(part);
        StackUnderTest.signal(tree, "STOP");
        try {
            Thread.sleep(duration);
        } finally {
            StackUnderTest.signal(tree, "CONT");
        }
    }

    /** Appends, to every event stream (not the dead-letter ones), a copy of each entry since the run began. */
    private static void replay(StackUnderTest stack, String runStartId) {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + stack.port(Part.REDIS));
        try {
            for (String stream : eventStreams(redis)) {
                Response entries = redis.sendAndAwait(Request.cmd(Command.XRANGE).arg(stream).arg(runStartId).arg("+"));
                for (Response entry : entries) {
                    Request copy = Request.cmd(Command.XADD).arg(stream).arg("*");
                    entry.get(1).forEach(field -> copy.arg(field.toBytes()));
                    redis.sendAndAwait(copy);
                }
            }
        } finally {
            redis.close();
            vertx.closeAndAwait();
        }
    }

    static List<String> eventStreams(Redis redis) {
        List<String> streams = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = redis.sendAndAwait(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("events:{*}*")
                    .arg("TYPE").arg("stream").arg("COUNT").arg(1000));
            cursor = page.get(0).toString();
            page.get(1).forEach(key -> {
                if (!key.toString().endsWith(".dead-letter")) {
                    streams.add(key.toString());
                }
            });
        } while (!cursor.equals("0"));
        return streams;
    }

    /** Entries in the stack's dead-letter streams. */
    static long deadLetters(StackUnderTest stack) {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + stack.port(Part.REDIS));
        try {
            long total = 0;
            String cursor = "0";
            do {
                Response page = redis.sendAndAwait(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("events:{*}*.dead-letter")
                        .arg("COUNT").arg(1000));
                cursor = page.get(0).toString();
                for (Response key : page.get(1)) {
                    total += redis.sendAndAwait(Request.cmd(Command.XLEN).arg(key.toString())).toLong();
                }
            } while (!cursor.equals("0"));
            return total;
        } finally {
            redis.close();
            vertx.closeAndAwait();
        }
    }

    /** The newest entry ID of any event stream now: what a replay from "the start of the run" starts after. */
    static String now() {
        return System.currentTimeMillis() + "-0";
    }
}
