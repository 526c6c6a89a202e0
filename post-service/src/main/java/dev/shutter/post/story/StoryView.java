package dev.shutter.post.story;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.shutter.rest.post.AuthorView;
import dev.shutter.rest.post.MediaView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** What the API shows of stories: one story, the tray, the viewers. */
public final class StoryView {

    private StoryView() {}

    /**
     * One story; {@code author}, {@code status} and {@code failureReason} only on a direct GET (the
     * tray groups by author, and shows only ready stories).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(@JsonSerialize(using = ToStringSerializer.class) long storyId, AuthorView author, MediaView media,
            Instant createdAt, Instant expiresAt, boolean seen, String status, String failureReason) {

        Item(long storyId, MediaView media, Instant createdAt, Instant expiresAt, boolean seen) {
            this(storyId, null, media, createdAt, expiresAt, seen, null, null);
        }
    }

    /** An account of the tray with its live stories, oldest first. */
    @RegisterForReflection
    public record TrayEntry(AuthorView author, List<Item> stories) {}

    @RegisterForReflection
    public record Viewer(@JsonSerialize(using = ToStringSerializer.class) long userId, String username, Instant viewedAt) {}

    /** {@code viewerCount} is exact up to the kept number of viewers, HyperLogLog's estimate beyond. */
    @RegisterForReflection
    public record Viewers(long viewerCount, List<Viewer> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}
}
