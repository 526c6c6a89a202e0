package dev.shutter.events.redis;

import io.vertx.mutiny.redis.client.Response;

/** A row of XPENDING's extended form: a delivered, unacknowledged entry. */
record PendingEntry(String id, String consumer, long idleMillis, int deliveries) {

    static PendingEntry parse(Response row) {
        return new PendingEntry(row.get(0).toString(), row.get(1).toString(), row.get(2).toLong(), row.get(3).toInteger());
    }
}
