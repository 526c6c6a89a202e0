package dev.shutter.post.story;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.shutter.post.post.CreatedPost;
import java.time.Instant;

/** `POST /v1/stories` answer: the story, where to upload its media, and when it expires. */
public record CreatedStory(
        @JsonSerialize(using = ToStringSerializer.class) long storyId,
        String status,
        CreatedPost.Upload upload,
        Instant expiresAt) {}
