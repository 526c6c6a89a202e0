package dev.shutter.post.engagement;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/v1/posts/{postId}/like")
@Authenticated
public class LikeResource {

    public record LikeView(long likeCount, boolean likedByMe) {
        static LikeView of(ReactionService.State state) {
            return new LikeView(state.count(), state.mine());
        }
    }

    private final ReactionService reactions;
    private final Caller caller;

    LikeResource(ReactionService reactions, Caller caller) {
        this.reactions = reactions;
        this.caller = caller;
    }

    @PUT
    public Uni<LikeView> like(@PathParam("postId") String postId) {
        return reactions.add(Reaction.LIKE, caller.userId(), PathIds.parse(postId, "No such post.")).map(LikeView::of);
    }

    @DELETE
    public Uni<LikeView> unlike(@PathParam("postId") String postId) {
        return reactions.remove(Reaction.LIKE, caller.userId(), PathIds.parse(postId, "No such post.")).map(LikeView::of);
    }
}
