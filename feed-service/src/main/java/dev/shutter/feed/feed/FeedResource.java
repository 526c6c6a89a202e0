package dev.shutter.feed.feed;

import dev.shutter.rest.auth.Caller;
import dev.shutter.postclient.Viewer;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/feed?cursor=&limit=}: the caller's home feed, ranked, a page at a time. */
@Path("/v1/feed")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final FeedService feed;
    private final Caller caller;

    FeedResource(FeedService feed, Caller caller) {
        this.feed = feed;
        this.caller = caller;
    }

    @GET
    public Uni<FeedPage> feed(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return feed.page(new Viewer(caller.userId(), caller.accessToken()), PageRequest.of(cursor, limit));
    }
}
