package dev.shutter.post.engagement;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/v1/posts/{postId}/comments")
@Authenticated
public class CommentResource {

    private final CommentService comments;
    private final Caller caller;

    CommentResource(CommentService comments, Caller caller) {
        this.comments = comments;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(@PathParam("postId") String postId, @NotNull(message = "a body is required") NewComment body) {
        return comments.create(caller.userId(), PathIds.parse(postId, "No such post."), body.text())
                .map(comment -> Response.status(201).entity(comment).build());
    }

    /** Deletes a comment: its author or the post's author; 404 to anyone else, as for a comment that is not there. */
    @DELETE
    @Path("{commentId}")
    public Uni<Response> delete(@PathParam("postId") String postId, @PathParam("commentId") String commentId) {
        return comments.delete(caller.userId(), PathIds.parse(postId, "No such post."), PathIds.parse(commentId, "No such comment."))
                .map(deleted -> Response.noContent().build());
    }

    @GET
    public Uni<Page<CommentView>> list(@PathParam("postId") String postId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return comments.list(caller.userId(), PathIds.parse(postId, "No such post."),
                PageRequest.of(cursor, limit, PageRequest.MAX_LIMIT_SMALL_ITEMS));
    }
}
