package dev.shutter.events.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the commands issued within one event-loop turn as one pipelined batch: a burst of
 * publishes costs one connection checkout and one write instead of one each.
 */
final class PipelinedSender {

    private static final int MAX_BATCH = 512;

    private record Queued(Request request, CompletableFuture<Response> answer) {}

    private final Redis redis;
    private final Context context;
    private final List<Queued> queue = new ArrayList<>();

    PipelinedSender(Redis redis, Context context) {
        this.redis = redis;
        this.context = context;
    }

    Uni<Response> send(Request request) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        boolean first;
        synchronized (queue) {
            first = queue.isEmpty();
            queue.add(new Queued(request, answer));
        }
        if (first) {
            context.runOnContext(this::flush);
        }
        return Uni.createFrom().completionStage(answer);
    }

    private void flush() {
        List<Queued> batch;
        synchronized (queue) {
            int size = Math.min(queue.size(), MAX_BATCH);
            batch = new ArrayList<>(queue.subList(0, size));
            queue.subList(0, size).clear();
            if (!queue.isEmpty()) {
                context.runOnContext(this::flush);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        redis.batch(batch.stream().map(Queued::request).toList()).subscribe().with(answers -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        }, failure -> batch.forEach(q -> q.answer().completeExceptionally(failure)));
    }
}
