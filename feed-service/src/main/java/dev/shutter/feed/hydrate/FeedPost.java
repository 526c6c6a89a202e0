package dev.shutter.feed.hydrate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.shutter.contracts.post.v1.Author;
import dev.shutter.contracts.post.v1.Media;
import dev.shutter.contracts.post.v1.Post;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A post in the feed, shaped exactly as post-service's {@code GET /v1/posts/{postId}} (API.md):
 * IDs as strings, an image's variants and blurhash, a video's HLS playlist, poster and duration.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedPost(
        @JsonSerialize(using = ToStringSerializer.class) long postId,
        String status,
        FeedAuthor author,
        String caption,
        List<String> hashtags,
        List<FeedMedia> media,
        long likeCount,
        long commentCount,
        long saveCount,
        boolean likedByMe,
        boolean savedByMe,
        Instant createdAt) {

    /** The post as post-service sent it, with the viewer's own flags. */
    static FeedPost of(Post post, boolean likedByMe, boolean savedByMe) {
        return new FeedPost(post.getPostId(), post.getStatus(), FeedAuthor.of(post.getAuthor()), post.getCaption(),
                List.copyOf(post.getHashtagsList()), post.getMediaList().stream().map(FeedMedia::of).toList(),
                post.getLikeCount(), post.getCommentCount(), post.getSaveCount(), likedByMe, savedByMe,
                Instant.ofEpochSecond(post.getCreatedAt().getSeconds(), post.getCreatedAt().getNanos()));
    }

    @RegisterForReflection
    public record FeedAuthor(
            @JsonSerialize(using = ToStringSerializer.class) long userId,
            String username,
            String displayName,
            @JsonInclude(JsonInclude.Include.ALWAYS) String avatarUrl,
            boolean isPrivate) {

        static FeedAuthor of(Author author) {
            return new FeedAuthor(author.getUserId(), author.getUsername(), emptyToNull(author.getDisplayName()),
                    emptyToNull(author.getAvatarUrl()), author.getIsPrivate());
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedMedia(
            @JsonSerialize(using = ToStringSerializer.class) long mediaId,
            String type,
            Map<String, String> variants,
            Integer width,
            Integer height,
            String blurhash,
            String hls,
            String poster,
            Long durationMs) {

        static FeedMedia of(Media media) {
            boolean video = "video".equals(media.getType());
            return new FeedMedia(media.getMediaId(), media.getType(), video ? null : Map.copyOf(media.getVariantsMap()),
                    media.getWidth() == 0 ? null : media.getWidth(), media.getHeight() == 0 ? null : media.getHeight(),
                    emptyToNull(media.getBlurhash()), video ? emptyToNull(media.getHls()) : null,
                    video ? emptyToNull(media.getPoster()) : null, video ? media.getDurationMs() : null);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
