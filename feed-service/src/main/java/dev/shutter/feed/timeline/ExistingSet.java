package dev.shutter.feed.timeline;

import dev.shutter.redis.RedisScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Adds a member to a Redis set only if the set exists: the lists the feed keeps (celebrities
 * followed, an author's followers) are either whole or missing, and a missing one is read whole
 * from post-service on next use, so an event must not start a partial one.
 */
final class ExistingSet {

    private static final RedisScript ADD_IF_PRESENT = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            return redis.call('SADD', KEYS[1], ARGV[1])""");

    private ExistingSet() {}

    static Uni<Void> add(Redis redis, String key, long member) {
        return ADD_IF_PRESENT.send(redis, ADD_IF_PRESENT.call(key, member)).replaceWithVoid();
    }
}
