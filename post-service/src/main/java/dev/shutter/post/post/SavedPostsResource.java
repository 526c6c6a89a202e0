package dev.shutter.post.post;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.post.PostView;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("/v1/me/saved")
@Authenticated
public class SavedPostsResource {

    private final PostLists lists;
    private final Caller caller;

    SavedPostsResource(PostLists lists, Caller caller) {
        this.lists = lists;
        this.caller = caller;
    }

    @GET
    public Uni<Page<PostView>> saved(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return lists.saved(caller.userId(), PageRequest.of(cursor, limit));
    }
}
