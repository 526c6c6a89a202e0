package dev.shutter.post.post;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import dev.shutter.rest.post.PostView;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/v1/users/{userId}/posts")
@Authenticated
public class ProfileGridResource {

    private final PostLists lists;
    private final Caller caller;

    ProfileGridResource(PostLists lists, Caller caller) {
        this.lists = lists;
        this.caller = caller;
    }

    @GET
    public Uni<Page<PostView>> grid(@PathParam("userId") String userId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        long authorId = PathIds.parse(userId, "No such account.");
        return lists.grid(caller.userId(), authorId, PageRequest.of(cursor, limit));
    }
}
