package dev.shutter.rest.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A post's author as shown with the post. */
@RegisterForReflection
public record AuthorView(
        @JsonSerialize(using = ToStringSerializer.class) long userId,
        String username,
        String displayName,
        @JsonInclude(JsonInclude.Include.ALWAYS) String avatarUrl,
        boolean isPrivate) {}
