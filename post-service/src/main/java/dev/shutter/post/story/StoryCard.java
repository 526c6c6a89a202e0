package dev.shutter.post.story;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * A live story as the read paths need it, cached in Redis ({@link LiveStories}) until it expires:
 * no database read on the tray, a direct GET or a view.
 *
 * @param keys variant name to object key ({@code story}, {@code thumb}, fallbacks; or {@code hls}, {@code poster})
 */
@RegisterForReflection
public record StoryCard(long storyId, long authorId, long mediaId, String type, Map<String, String> keys, Integer width,
        Integer height, String blurhash, Long durationMs, Instant createdAt, Instant expiresAt) {

    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
