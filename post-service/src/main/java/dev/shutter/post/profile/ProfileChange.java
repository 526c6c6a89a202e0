package dev.shutter.post.profile;

import jakarta.validation.constraints.Size;

/** `PATCH /v1/me` body: absent fields stay as they are. */
public record ProfileChange(
        @Size(min = 1, max = 100, message = "must be 1 to 100 characters") String displayName,
        @Size(max = 500, message = "must be at most 500 characters") String bio,
        Boolean isPrivate) {}
