package dev.shutter.post.follow;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Requests to follow the caller (a private account): list, approve, deny. No pending request: 404. */
@Path("/v1/me/follow-requests")
@Authenticated
public class FollowRequestsResource {

    private final FollowService follows;
    private final FollowLists lists;
    private final Caller caller;

    FollowRequestsResource(FollowService follows, FollowLists lists, Caller caller) {
        this.follows = follows;
        this.lists = lists;
        this.caller = caller;
    }

    @GET
    public Uni<Page<AccountSummary>> pending(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return lists.requests(caller.userId(), PageRequest.of(cursor, limit, PageRequest.MAX_LIMIT_SMALL_ITEMS));
    }

    @POST
    @Path("/{userId}/approve")
    public Uni<Response> approve(@PathParam("userId") String userId) {
        return follows.approve(caller.userId(), PathIds.parse(userId, "No such account.")).map(x -> Response.noContent().build());
    }

    @POST
    @Path("/{userId}/deny")
    public Uni<Response> deny(@PathParam("userId") String userId) {
        return follows.deny(caller.userId(), PathIds.parse(userId, "No such account.")).map(x -> Response.noContent().build());
    }
}
