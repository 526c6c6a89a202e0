package dev.shutter.post.post;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import dev.shutter.rest.post.PostView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/v1/posts")
@Authenticated
public class PostResource {

    private final PostCreation creation;
    private final PostService posts;
    private final Caller caller;

    PostResource(PostCreation creation, PostService posts, Caller caller) {
        this.creation = creation;
        this.posts = posts;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(CreatePostRequest request) {
        return creation.create(caller.userId(), request).map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Path("{postId}")
    public Uni<PostView> get(@PathParam("postId") String postId) {
        return posts.get(caller.userId(), PathIds.parse(postId, "No such post."));
    }

    @DELETE
    @Path("{postId}")
    public Uni<Response> delete(@PathParam("postId") String postId) {
        return posts.delete(caller.userId(), PathIds.parse(postId, "No such post."))
                .map(x -> Response.noContent().build());
    }
}
