package dev.shutter.post.follow;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.post.profile.ProfileView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Other accounts: their profiles, following them, and their follower and following lists.
 *
 * <p>Following yourself is a 422 (the request is well formed but its user ID is not a valid
 * target), unknown or erased targets a 404. Unfollowing answers 204 whether or not there was
 * anything to remove, whatever the account, so it is idempotent and says nothing about the
 * account.
 */
@Path("/v1/users")
@Authenticated
public class UsersResource {

    /** {@code PUT .../follow} answer. */
    public record FollowAnswer(String state) {}

    private final UserProfiles profiles;
    private final FollowService follows;
    private final FollowLists lists;
    private final Caller caller;

    UsersResource(UserProfiles profiles, FollowService follows, FollowLists lists, Caller caller) {
        this.profiles = profiles;
        this.follows = follows;
        this.lists = lists;
        this.caller = caller;
    }

    @GET
    @Path("/{username}")
    public Uni<ProfileView> profile(@PathParam("username") String username) {
        return profiles.byUsername(caller.userId(), username);
    }

    @PUT
    @Path("/{userId}/follow")
    public Uni<FollowAnswer> follow(@PathParam("userId") String userId) {
        return follows.follow(caller.userId(), PathIds.parse(userId, "No such account.")).map(state -> new FollowAnswer(state.column()));
    }

    @DELETE
    @Path("/{userId}/follow")
    public Uni<Response> unfollow(@PathParam("userId") String userId) {
        return follows.unfollow(caller.userId(), PathIds.parse(userId, "No such account.")).map(x -> Response.noContent().build());
    }

    @GET
    @Path("/{userId}/followers")
    public Uni<Page<AccountSummary>> followers(@PathParam("userId") String userId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return lists.followers(caller.userId(), PathIds.parse(userId, "No such account."), PageRequest.of(cursor, limit, PageRequest.MAX_LIMIT_SMALL_ITEMS));
    }

    @GET
    @Path("/{userId}/following")
    public Uni<Page<AccountSummary>> following(@PathParam("userId") String userId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return lists.following(caller.userId(), PathIds.parse(userId, "No such account."), PageRequest.of(cursor, limit, PageRequest.MAX_LIMIT_SMALL_ITEMS));
    }
}
