package dev.shutter.explore.explore;

import dev.shutter.postclient.Viewer;
import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/explore?cursor=&limit=}: posts from accounts the caller does not follow, personalised or trending. */
@Path("/v1/explore")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ExploreResource {

    private final ExploreService explore;
    private final Caller caller;

    ExploreResource(ExploreService explore, Caller caller) {
        this.explore = explore;
        this.caller = caller;
    }

    @GET
    public Uni<ExplorePage> explore(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return explore.page(new Viewer(caller.userId(), caller.accessToken()), PageRequest.of(cursor, limit));
    }
}
