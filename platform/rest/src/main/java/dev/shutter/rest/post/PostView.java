package dev.shutter.rest.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A post as the API shows it (`GET /v1/posts/{postId}`, the profile grid, the saved list, and
 * through gRPC the feed and Explore). IDs are numbers here and strings in JSON (JavaScript loses
 * precision above 2^53). {@code failureReason} only on a failed post, {@code locationId} only when
 * set.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostView(
        @JsonSerialize(using = ToStringSerializer.class) long postId,
        String status,
        String failureReason,
        AuthorView author,
        String caption,
        List<String> hashtags,
        @JsonSerialize(using = ToStringSerializer.class) Long locationId,
        List<MediaView> media,
        long likeCount,
        long commentCount,
        long saveCount,
        boolean likedByMe,
        boolean savedByMe,
        Instant createdAt) {}
