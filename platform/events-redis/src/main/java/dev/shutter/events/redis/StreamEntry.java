package dev.shutter.events.redis;

import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream entry: the message attributes as fields and the body under {@link #BODY}. A later
 * field of the same name wins, so a dead letter's own attributes override older ones.
 */
record StreamEntry(String id, Map<String, String> attributes, byte[] body) {

    static final String BODY = "body";

    /** Parses {@code [id, [field, value, ...]]}; null fields mean the entry was trimmed away. */
    static StreamEntry parse(Response entry) {
        String id = entry.get(0).toString();
        Response fields = entry.get(1);
        if (fields == null) {
            return new StreamEntry(id, null, null);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        byte[] body = new byte[0];
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = fields.get(i).toString();
            if (name.equals(BODY)) {
                body = fields.get(i + 1).toBytes();
            } else {
                attributes.put(name, fields.get(i + 1).toString(StandardCharsets.UTF_8));
            }
        }
        return new StreamEntry(id, attributes, body);
    }

    /** Parses a list of entries as XRANGE and XCLAIM answer. */
    static List<StreamEntry> parseAll(Response entries) {
        List<StreamEntry> parsed = new ArrayList<>();
        if (entries != null) {
            for (Response entry : entries) {
                parsed.add(parse(entry));
            }
        }
        return parsed;
    }

    boolean trimmed() {
        return attributes == null;
    }
}
