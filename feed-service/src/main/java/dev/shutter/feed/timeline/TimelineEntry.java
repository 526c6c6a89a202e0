package dev.shutter.feed.timeline;

import dev.shutter.ids.Snowflake;

/** A post in a timeline: its ID, scored by its creation time (which the ID carries). */
public record TimelineEntry(long postId) {

    public long createdAtMillis() {
        return Snowflake.epochMillisOf(postId);
    }
}
