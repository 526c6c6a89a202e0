package dev.shutter.post.engagement;

import dev.shutter.contracts.events.v1.Engagement;
import dev.shutter.post.counter.CounterName;

/** A yes/no engagement of a user with a post: a row in its table while it holds, and a counter. */
enum Reaction {
    LIKE("likes", CounterName.LIKES, Engagement.Action.LIKE, Engagement.Action.UNLIKE),
    SAVE("saves", CounterName.SAVES, Engagement.Action.SAVE, Engagement.Action.UNSAVE);

    /** A constant table name, never user input: safe to put in SQL text. */
    final String table;
    final CounterName counter;
    final Engagement.Action on;
    final Engagement.Action off;

    Reaction(String table, CounterName counter, Engagement.Action on, Engagement.Action off) {
        this.table = table;
        this.counter = counter;
        this.on = on;
        this.off = off;
    }
}
