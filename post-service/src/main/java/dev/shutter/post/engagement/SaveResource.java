package dev.shutter.post.engagement;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/v1/posts/{postId}/save")
@Authenticated
public class SaveResource {

    public record SaveView(long saveCount, boolean savedByMe) {
        static SaveView of(ReactionService.State state) {
            return new SaveView(state.count(), state.mine());
        }
    }

    private final ReactionService reactions;
    private final Caller caller;

    SaveResource(ReactionService reactions, Caller caller) {
        this.reactions = reactions;
        this.caller = caller;
    }

    @PUT
    public Uni<SaveView> save(@PathParam("postId") String postId) {
        return reactions.add(Reaction.SAVE, caller.userId(), PathIds.parse(postId, "No such post.")).map(SaveView::of);
    }

    @DELETE
    public Uni<SaveView> unsave(@PathParam("postId") String postId) {
        return reactions.remove(Reaction.SAVE, caller.userId(), PathIds.parse(postId, "No such post.")).map(SaveView::of);
    }
}
