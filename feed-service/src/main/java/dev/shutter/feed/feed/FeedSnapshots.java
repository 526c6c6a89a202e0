package dev.shutter.feed.feed;

import dev.shutter.feed.config.FeedConfig;
import dev.shutter.feed.timeline.TimelineKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A reader's ranked feed frozen for paging ({@code feed:snapshot:{userId}:{id}}, kept for
 * {@code snapshot.ttl}): the cursor points into it, so later pages come from the same ranking
 * however many posts arrive meanwhile. Keyed by the reader, so a cursor is useless to anyone else.
 */
@ApplicationScoped
public class FeedSnapshots {

    private final Redis redis;
    private final FeedConfig config;
    private final SecureRandom random = new SecureRandom();

    FeedSnapshots(Redis redis, FeedConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Stores the ranking; answers its ID. */
    public Uni<Long> save(long userId, List<Long> ranked) {
        long snapshotId = random.nextLong(1, Long.MAX_VALUE);
        String value = ranked.stream().map(String::valueOf).collect(Collectors.joining(","));
        return redis.send(Request.cmd(Command.SET).arg(TimelineKeys.snapshot(userId, snapshotId)).arg(value)
                        .arg("PX").arg(config.snapshot().ttl().toMillis()))
                .replaceWith(snapshotId);
    }

    /** The ranking, or empty when it has expired. */
    public Uni<Optional<List<Long>>> load(long userId, long snapshotId) {
        return redis.send(Request.cmd(Command.GET).arg(TimelineKeys.snapshot(userId, snapshotId))).map(value -> {
            if (value == null) {
                return Optional.empty();
            }
            String text = value.toString();
            return Optional.of(text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Long::valueOf).toList());
        });
    }
}
