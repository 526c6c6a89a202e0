package dev.shutter.events.redis;

import dev.shutter.events.DeadLetters;
import dev.shutter.redis.RedisScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Puts a topic's dead letters back on the topic once their cause is fixed: each entry of the
 * dead-letter stream is appended to the topic's stream as it was first published (the
 * dead-letter attributes dropped) and deleted from the dead-letter stream, atomically, oldest
 * first. Every group of the topic receives it again; the subscriptions that had handled it
 * acknowledge it without handling it (they de-duplicate by event ID), the one that had failed
 * handles it now.
 */
public final class DeadLetterReplay {

    private static final int BATCH = 100;

    /** KEYS: the topic's stream, its dead-letter stream (one hash tag). ARGV[1]: how many, ARGV[2]: the dead-letter attributes' prefix. Answers how many moved. */
    private static final RedisScript MOVE = new RedisScript("""
            local entries = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', ARGV[1])
            for _, entry in ipairs(entries) do
              local fields = {}
              local raw = entry[2]
              for i = 1, #raw, 2 do
                if string.sub(raw[i], 1, #ARGV[2]) ~= ARGV[2] then
                  fields[#fields + 1] = raw[i]
                  fields[#fields + 1] = raw[i + 1]
                end
              end
              redis.call('XADD', KEYS[1], '*', unpack(fields))
              redis.call('XDEL', KEYS[2], entry[1])
            end
            return #entries
            """);

    private DeadLetterReplay() {}

    /** Moves every dead letter of {@code topic} back onto it; answers how many. */
    public static Uni<Long> replay(Redis redis, String topic) {
        return moveFrom(redis, topic, 0);
    }

    private static Uni<Long> moveFrom(Redis redis, String topic, long movedSoFar) {
        return MOVE.send(redis, MOVE.call(java.util.List.of(StreamKeys.of(topic), StreamKeys.of(DeadLetters.topicOf(topic))),
                        Integer.toString(BATCH), DeadLetters.ATTRIBUTE_PREFIX))
                .chain(answer -> {
                    long moved = answer.toLong();
                    return moved < BATCH ? Uni.createFrom().item(movedSoFar + moved) : moveFrom(redis, topic, movedSoFar + moved);
                });
    }
}
