package dev.shutter.stack;

import dev.shutter.contracts.events.EventType;
import dev.shutter.contracts.events.EventTypes;
import dev.shutter.events.redis.DeadLetterReplay;
import dev.shutter.events.redis.RedisStreamEventBus;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./shutter replay-dead-letters [TOPIC... | outbox]}: once the cause of dead letters is
 * fixed, puts them back. A topic's dead letters (its {@code .dead-letter} stream on the stack's
 * Redis) go back onto the topic, where the subscriptions that had handled them skip them (by event
 * ID) and the one that failed handles them; {@code outbox} replays post-service's outbox dead
 * letters. With no argument, every topic of the contract. Prints what it moved.
 */
final class DeadLetterReplayCommand {

    static final String OUTBOX = "outbox";

    private DeadLetterReplayCommand() {}

    static int run(StackOptions options, List<String> targets) throws IOException, InterruptedException {
        Set<String> topics = new LinkedHashSet<>();
        boolean outbox = targets.contains(OUTBOX);
        targets.stream().filter(target -> !target.equals(OUTBOX) && !target.startsWith("-")).forEach(topics::add);
        if (targets.isEmpty()) {
            EventTypes.ALL.stream().map(EventType::topic).forEach(topics::add);
        }
        int failures = 0;
        if (!topics.isEmpty()) {
            failures += replayTopics(options, topics);
        }
        if (outbox) {
            failures += replayOutbox(options);
        }
        return failures == 0 ? 0 : 1;
    }

    private static int replayTopics(StackOptions options, Set<String> topics) {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, RedisStreamEventBus.clientOptions("redis://127.0.0.1:" + options.ports().redis()));
        int failures = 0;
        try {
            for (String topic : topics) {
                try {
                    long moved = DeadLetterReplay.replay(redis, topic).await().atMost(Duration.ofMinutes(5));
                    System.out.println("  ok   " + topic + ": " + moved + " dead letters back on the topic");
                } catch (RuntimeException e) {
                    failures++;
                    System.err.println("shutter: could not replay the dead letters of " + topic + " (is ./shutter up running?): "
                            + e.getMessage());
                }
            }
        } finally {
            redis.close();
            vertx.closeAndAwait();
        }
        return failures;
    }

    private static int replayOutbox(StackOptions options) throws IOException, InterruptedException {
        var calls = ServiceCalls.of(options);
        if (calls.isEmpty()) {
            return 1;
        }
        HttpResponse<String> answer;
        try {
            answer = calls.get().send(HttpRequest.newBuilder(calls.get().postService("/internal/outbox/dead-letters/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
        } catch (IOException e) {
            System.err.println("shutter: post-service does not answer (is ./shutter up running?)");
            return 1;
        }
        if (answer.statusCode() != 200) {
            System.err.println("shutter: the outbox replay failed (" + answer.statusCode() + "): " + answer.body());
            return 1;
        }
        System.out.println("  ok   outbox: " + answer.body());
        return 0;
    }
}
