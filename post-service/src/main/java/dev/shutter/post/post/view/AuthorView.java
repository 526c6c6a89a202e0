package dev.shutter.post.post.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.shutter.post.account.User;

/** A post's author as shown with the post. */
public record AuthorView(
        @JsonSerialize(using = ToStringSerializer.class) long userId,
        String username,
        String displayName,
        @JsonInclude(JsonInclude.Include.ALWAYS) String avatarUrl,
        boolean isPrivate) {

    static AuthorView of(User user) {
        return new AuthorView(user.userId, user.username, user.displayName, user.avatarUrl, user.isPrivate);
    }
}
