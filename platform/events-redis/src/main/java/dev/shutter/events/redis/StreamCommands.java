package dev.shutter.events.redis;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The Redis commands one subscription sends, and the parsing of their answers. */
final class StreamCommands {

    /**
     * Moves one pending entry to the dead-letter stream and acknowledges it, atomically, but only
     * while it is still pending and idle at least ARGV[3] ms: of two consumers racing to
     * dead-letter the same expired entry, one wins and the other does nothing.
     * KEYS: stream, dead-letter stream. ARGV: group, id, min idle, then field/value pairs
     * appended to the entry's own. The dead-letter stream is never trimmed by length.
     */
    private static final String DEAD_LETTER_SCRIPT = """
            local pending = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', ARGV[3], ARGV[2], ARGV[2], 1)
            if #pending == 0 then return 0 end
            local entry = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])
            if #entry > 0 then
              local fields = entry[1][2]
              for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
              redis.call('XADD', KEYS[2], '*', unpack(fields))
            end
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    private final String stream;
    private final String group;

    StreamCommands(String stream, String group) {
        this.stream = stream;
        this.group = group;
    }

    /** Appends an entry; never trims (StreamTrimmer does, below what every group acknowledged). */
    static Request append(String stream, Map<String, String> attributes, byte[] body) {
        Request xadd = Request.cmd(Command.XADD).arg(stream).arg("*");
        attributes.forEach((name, value) -> xadd.arg(name).arg(value));
        return xadd.arg(StreamEntry.BODY).arg(Buffer.buffer(body));
    }

    /** Creates the group at the start of the retained stream, so events published before the first consumer started are not skipped. */
    Request createGroup() {
        return Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg(group).arg("0").arg("MKSTREAM");
    }

    Request readNew(String consumer, int count, long blockMillis) {
        return Request.cmd(Command.XREADGROUP).arg("GROUP").arg(group).arg(consumer)
                .arg("COUNT").arg(count).arg("BLOCK").arg(blockMillis).arg("STREAMS").arg(stream).arg(">");
    }

    /** The entries of an XREADGROUP answer (RESP2 array or RESP3 map); empty on timeout. */
    List<StreamEntry> parseRead(Response answer) {
        if (answer == null) {
            return List.of();
        }
        if (answer.isMap()) {
            return StreamEntry.parseAll(answer.get(stream));
        }
        return StreamEntry.parseAll(answer.get(0).get(1));
    }

    Request ack(String id) {
        return Request.cmd(Command.XACK).arg(stream).arg(group).arg(id);
    }

    Request expired(long minIdleMillis, int count) {
        return Request.cmd(Command.XPENDING).arg(stream).arg(group).arg("IDLE").arg(minIdleMillis)
                .arg("-").arg("+").arg(count);
    }

    static List<PendingEntry> parsePending(Response answer) {
        List<PendingEntry> rows = new ArrayList<>();
        if (answer != null) {
            answer.forEach(row -> rows.add(PendingEntry.parse(row)));
        }
        return rows;
    }

    /** Takes over an entry idle at least {@code minIdleMillis}; counts as a new delivery. */
    Request claim(String consumer, long minIdleMillis, String id) {
        return Request.cmd(Command.XCLAIM).arg(stream).arg(group).arg(consumer).arg(minIdleMillis).arg(id);
    }

    /**
     * Sets the entries' idle time without counting a delivery: 0 renews a lease; the ack deadline
     * minus a backoff makes them due again after that backoff.
     */
    Request setIdle(String consumer, Collection<String> ids, long idleMillis) {
        Request xclaim = Request.cmd(Command.XCLAIM).arg(stream).arg(group).arg(consumer).arg(0);
        ids.forEach(xclaim::arg);
        return xclaim.arg("IDLE").arg(idleMillis).arg("JUSTID");
    }

    Request deadLetter(String deadLetterStream, String id, long minIdleMillis, Map<String, String> extra) {
        Request eval = Request.cmd(Command.EVAL).arg(DEAD_LETTER_SCRIPT).arg(2).arg(stream).arg(deadLetterStream)
                .arg(group).arg(id).arg(minIdleMillis);
        extra.forEach((name, value) -> eval.arg(name).arg(value));
        return eval;
    }
}
