package dev.shutter.events.redis;

import dev.shutter.redis.RedisScript;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps streams short without losing anything: a stream is trimmed only below the oldest entry
 * some consumer group still needs (its oldest pending entry, or past its last-delivered one),
 * never by length alone, so an entry no group has acknowledged stays whatever the backlog. A
 * stream that grows past {@value #ALERT_PERCENT}% of the length it should stay under is reported
 * (a warning, and the {@code shutter.events.stream_length} gauge per topic) before it reaches it;
 * a stale group left behind by a renamed subscription holds a stream back the same way, and shows
 * there. A stream that no group reads is cut to the length.
 */
final class StreamTrimmer {

    private static final Logger LOG = Logger.getLogger(StreamTrimmer.class);
    static final int ALERT_PERCENT = 80;

    /**
     * KEYS[1] the stream; ARGV[1] the length for a stream without groups. Answers {length, the
     * ID trimmed below or ''}. IDs compare as (milliseconds, sequence).
     */
    private static final RedisScript TRIM = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0, ''} end
            local function before(a, b)
              local am, as = string.match(a, '^(%d+)-(%d+)$')
              local bm, bs = string.match(b, '^(%d+)-(%d+)$')
              am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
              return am < bm or (am == bm and as < bs)
            end
            local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
            if #groups == 0 then
              redis.call('XTRIM', KEYS[1], 'MAXLEN', '~', ARGV[1])
              return {redis.call('XLEN', KEYS[1]), ''}
            end
            local floor = nil
            for _, group in ipairs(groups) do
              local info = {}
              for i = 1, #group, 2 do info[group[i]] = group[i + 1] end
              local needed = info['last-delivered-id']
              if tonumber(info['pending']) > 0 then
                needed = redis.call('XPENDING', KEYS[1], info['name'])[2]
              end
              if floor == nil or before(needed, floor) then floor = needed end
            end
            redis.call('XTRIM', KEYS[1], 'MINID', '~', floor)
            return {redis.call('XLEN', KEYS[1]), floor}
            """);

    private final Redis redis;
    private final long maxLength;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> lengths = new ConcurrentHashMap<>();
    private final Map<String, Boolean> alerting = new ConcurrentHashMap<>();

    StreamTrimmer(Redis redis, long maxLength) {
        this.redis = redis;
        this.maxLength = maxLength;
    }

    /** Looks after the topic's stream from now on. */
    void watch(String topic) {
        if (topics.add(topic)) {
            AtomicLong length = new AtomicLong();
            lengths.put(topic, length);
            Gauge.builder("shutter.events.stream_length", length, AtomicLong::get).tag("topic", topic)
                    .description("entries in the topic's stream (Redis backend)").register(Metrics.globalRegistry);
        }
    }

    /** Trims and measures every watched stream, one after the other; failures are logged and tried next round. */
    Uni<Void> trimAll() {
        return Multi.createFrom().iterable(Set.copyOf(topics))
                .onItem().transformToUniAndConcatenate(this::trim)
                .collect().last()
                .replaceWithVoid();
    }

    Uni<Long> trim(String topic) {
        return TRIM.send(redis, TRIM.call(StreamKeys.of(topic), Long.toString(maxLength)))
                .map(answer -> {
                    long length = answer.get(0).toLong();
                    lengths.get(topic).set(length);
                    report(topic, length);
                    return length;
                })
                .onFailure().invoke(failure -> LOG.debugf("Trimming the stream of %s failed (%s); next round", topic,
                        failure.getMessage()))
                .onFailure().recoverWithItem(-1L);
    }

    private void report(String topic, long length) {
        boolean over = length * 100 >= maxLength * ALERT_PERCENT;
        Boolean was = alerting.put(topic, over);
        if (over && !Boolean.TRUE.equals(was)) {
            LOG.warnf("The stream of %s holds %d entries, %d%% of the %d it should stay under: a consumer group is behind or stale "
                    + "(nothing unacknowledged is trimmed)", topic, length, length * 100 / maxLength, maxLength);
        } else if (!over && Boolean.TRUE.equals(was)) {
            LOG.infof("The stream of %s is back to %d entries", topic, length);
        }
    }
}
