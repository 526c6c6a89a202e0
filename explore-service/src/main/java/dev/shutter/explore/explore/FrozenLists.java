package dev.shutter.explore.explore;

import dev.shutter.explore.config.ExploreConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Users' frozen ranked lists in Redis, for {@code shutter.explore.cache-ttl}. Redis down: no list, never an error. */
@ApplicationScoped
public class FrozenLists {

    private static final Logger LOG = Logger.getLogger(FrozenLists.class);

    private final Redis redis;
    private final ExploreConfig config;

    FrozenLists(Redis redis, ExploreConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<Optional<FrozenList>> get(long userId) {
        return redis.send(Request.cmd(Command.GET).arg(ExploreKeys.rankedList(userId)))
                .map(value -> value == null ? Optional.<FrozenList>empty() : FrozenList.decode(value.toString()))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("explore list of %d not read: %s", userId, e.getMessage());
                    return Optional.empty();
                });
    }

    public Uni<Void> put(long userId, FrozenList list) {
        return redis.send(Request.cmd(Command.SET).arg(ExploreKeys.rankedList(userId)).arg(list.encode())
                        .arg("PX").arg(config.cacheTtl().toMillis()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("explore list of %d not frozen: %s", userId, e.getMessage());
                    return null;
                });
    }

    /** The list is recomputed on the next request (a new follow must leave it at once). */
    public Uni<Void> forget(long userId) {
        return redis.send(Request.cmd(Command.DEL).arg(ExploreKeys.rankedList(userId))).replaceWithVoid();
    }
}
