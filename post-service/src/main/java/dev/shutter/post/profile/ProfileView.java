package dev.shutter.post.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shutter.post.account.User;
import dev.shutter.post.counter.CounterName;
import dev.shutter.post.counter.Counts;

/**
 * A profile as the API shows it. IDs are strings (JavaScript loses precision above 2^53);
 * {@code email} only on the caller's own profile, {@code relationship} only on another's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(
        String userId,
        String username,
        String email,
        String displayName,
        String bio,
        String avatarUrl,
        boolean isPrivate,
        long followerCount,
        long followingCount,
        long postCount,
        String relationship,
        String createdAt) {

    public static ProfileView own(User user, Counts counts) {
        return of(user, counts, user.email, null);
    }

    public static ProfileView of(User user, Counts counts, String email, String relationship) {
        return new ProfileView(Long.toString(user.userId), user.username, email, user.displayName, user.bio, user.avatarUrl,
                user.isPrivate, counts.get(CounterName.FOLLOWERS), counts.get(CounterName.FOLLOWING),
                counts.get(CounterName.POSTS), relationship, user.createdAt.toString());
    }
}
