package dev.shutter.post.profile;

import jakarta.validation.constraints.Size;

/**
 * `PATCH /v1/me` body: absent fields stay as they are. The limits here bound what is read at all;
 * the real ones apply to the text as stored ({@link ProfileText}).
 */
public record ProfileChange(
        @Size(max = 4_000, message = "is far too long") String displayName,
        @Size(max = 20_000, message = "is far too long") String bio,
        Boolean isPrivate) {}
