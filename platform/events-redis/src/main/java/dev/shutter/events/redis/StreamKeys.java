package dev.shutter.events.redis;

import dev.shutter.events.DeadLetters;

/**
 * Redis keys of topics. A topic and its dead-letter topics share one hash tag, so the atomic
 * move of a message to its dead-letter stream stays in one cluster slot (Memorystore cluster).
 */
final class StreamKeys {

    private StreamKeys() {}

    static String of(String topic) {
        int suffix = topic.indexOf(DeadLetters.SUFFIX);
        if (suffix > 0 && topic.endsWith(DeadLetters.SUFFIX)) {
            return "events:{" + topic.substring(0, suffix) + "}" + topic.substring(suffix);
        }
        return "events:{" + topic + "}";
    }
}
