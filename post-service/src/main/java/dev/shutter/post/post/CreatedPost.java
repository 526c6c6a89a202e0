package dev.shutter.post.post;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** `POST /v1/posts` answer: the new post and where to upload each of its media items. */
public record CreatedPost(
        @JsonSerialize(using = ToStringSerializer.class) long postId,
        String status,
        List<Upload> uploads) {

    /** One signed upload: PUT the raw bytes to {@code url} with exactly {@code headers}, before {@code expiresAt}. */
    public record Upload(
            @JsonSerialize(using = ToStringSerializer.class) long mediaId,
            String method,
            String url,
            Map<String, String> headers,
            Instant expiresAt) {}
}
